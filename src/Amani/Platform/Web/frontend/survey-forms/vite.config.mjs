// Builds wwwroot/lib/odk-web-forms/survey-forms.{js,css} (and its fonts) from main.js: ODK Web Forms, Vue and their
// dependencies in one ES module, nothing fetched from elsewhere at run time. Run by the msbuild target
// AmaniSurveyForms (src/Amani/Amani.csproj) after `npm ci`; the output folder is given in AMANI_SURVEY_FORMS_OUT.
// See docs/governance/surveys-web-forms.md.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { odkWebFormsBuild } from "./odk-build.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.env.AMANI_SURVEY_FORMS_OUT;
if (!out) throw new Error("AMANI_SURVEY_FORMS_OUT (the output folder) is not set: run the build through dotnet build.");

export default defineConfig({
  root: here,
  publicDir: false,
  base: "./", // the stylesheet names its fonts relative to itself (lib/odk-web-forms/fonts/…)
  logLevel: "warn",
  // Vue's production build, without its options API devtools.
  define: {
    "process.env.NODE_ENV": JSON.stringify("production"),
    __VUE_OPTIONS_API__: "true",
    __VUE_PROD_DEVTOOLS__: "false",
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  },
  plugins: [odkWebFormsBuild(path.join(here, "../../../../node_modules/.cache/amani-survey-forms"))],
  build: {
    outDir: path.resolve(out),
    emptyOutDir: true,
    target: "es2022",
    minify: true,
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 10_000,
    modulePreload: false,
    // An application build (library mode would inline the fonts again as data: URLs) of one entry, in one file.
    rolldownOptions: {
      input: path.join(here, "main.js"),
      // Emscripten's loader in the engine's XPath parser keeps an eval() for a code path the browser never takes (the
      // WebAssembly is compiled from bytes; the pages' policy refuses eval, and the tests run under it without an error).
      onwarn(warning, warn) { if (warning.code !== "EVAL") warn(warning); },
      output: {
        format: "es",
        codeSplitting: false,
        entryFileNames: "survey-forms.js",
        assetFileNames: (asset) => (asset.names?.[0] ?? asset.name ?? "").endsWith(".css") ? "survey-forms.css" : "fonts/[name][extname]",
      },
    },
  },
});
