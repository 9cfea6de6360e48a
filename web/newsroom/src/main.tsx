import "./styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/App";
import { currentLanguage } from "./i18n";
import { loadConfig } from "./lib/config";

document.documentElement.lang = currentLanguage();

void loadConfig().then(() => {
  const root = document.getElementById("root");
  if (!root) throw new Error("#root missing from index.html");
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
