// The last native menu item chosen, for the view that acts on it: App hears the menu, the
// open program's view acts on undo, redo and the View menu.
export const menu = $state({ id: "", n: 0 });

export function choose(id: string): void {
  menu.id = id;
  menu.n++;
}
