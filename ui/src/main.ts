import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

// before the first paint: the font the window is drawn in depends on it (app.css)
if (navigator.userAgent.includes("Linux")) document.documentElement.classList.add("linux");

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
export default mount(App, { target });
