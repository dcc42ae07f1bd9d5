/**
 * Copies text for a panel's "Copy" button and says what happened, for its status line: the
 * browser may refuse the clipboard (no permission, an insecure origin), and then the person
 * copies by hand from the text shown beside the button.
 */
export async function copyText(text: string, copied: string, what: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return copied;
  } catch {
    return `The browser did not allow copying: select ${what} and copy it by hand.`;
  }
}
