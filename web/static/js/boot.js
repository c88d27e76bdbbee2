// The first module the page runs: it starts the worker (the Go module and
// Graphviz load and compile) while the rest of the page's modules load.
import { Adviz } from "./client.js";

export const client = new Adviz();
