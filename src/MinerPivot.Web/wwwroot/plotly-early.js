// Chart pages start plotly.js while the Blazor circuit is still connecting. This goes through Plotly.Blazor's own
// interop module (the import map makes it the same module instance the charts use) with the same element id and URL,
// so when the charts later ask for plotly.js they find it loaded, or loading, and draw as soon as it is ready.
import { importScript } from "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";

importScript("plotly-import", "./_content/Plotly.Blazor/plotly-basic-3.7.0.min.js");
