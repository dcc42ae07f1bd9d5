// No SvelteKit router in the embed: its island script hydrates it (src/lib/embed/island.ts).
export const csr = false;
