// The first module of the page to run (the bundle evaluates it before
// the modules that use it): it starts the worker (the Go module and
// Graphviz load and compile) while the rest of the page is set up, and
// draws the prerendered default example when the URL asks for it
// (first.js).
import { Adviz } from "./client.js";
import { paintFirst } from "./first.js";

performance.mark("adviz-boot");
export const client = new Adviz();
export const first = paintFirst(location.search);
