// Two changes to ODK Web Forms (@getodk/web-forms, pinned) while vite bundles it; each checks the exact code it
// changes and stops the build when a new version no longer has it.
// 1. Its stylesheet ships inside its JavaScript (vite-plugin-css-injected-by-js): a <style> element added at run time,
//    which Amani's Content Security Policy (style-src 'self') refuses. It is taken out into a real CSS file — its
//    embedded fonts (data: URLs, which font-src 'self' refuses too) into font files beside it — and imported instead,
//    so that vite writes it into survey-forms.css and the fonts into fonts/.
// 2. Its map (geopoint questions with the maps or placement-map appearance) draws OpenStreetMap's tiles from the internet.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const PREFIX = '(function(){"use strict";try{if(typeof document<"u"){var r=document.createElement("style");r.appendChild(document.createTextNode(';
const SUFFIX = ')),document.head.appendChild(r)}}catch(t){console.error("vite-plugin-css-injected-by-js",t)}})();';

// Amani fetches nothing from elsewhere (and its Content Security Policy would refuse it): the tile URL becomes one on
// Amani that does not exist, so the map shows the point without a background, offline as online.
const OSM_TILES = '"https://tile.openstreetmap.org/{z}/{x}/{y}.png"';
const NO_TILES = '"/lib/odk-web-forms/no-tiles/{z}/{x}/{y}.png"';

export function odkWebFormsBuild(cacheFolder) {
  return {
    name: "amani-odk-web-forms",
    enforce: "pre",
    transform(code, id) {
      if (/[\\/]@getodk[\\/]web-forms[\\/]dist[\\/]MapBlock-[^\\/]*\.js$/.test(id)) {
        if (!code.includes(OSM_TILES))
          throw new Error("@getodk/web-forms' map no longer names OpenStreetMap's tiles as expected: update Platform/Web/frontend/survey-forms/odk-build.mjs");
        return { code: code.replaceAll(OSM_TILES, NO_TILES), map: null };
      }
      if (!/[\\/]@getodk[\\/]web-forms[\\/]dist[\\/]index\.js$/.test(id)) return null;
      const end = code.indexOf(SUFFIX);
      if (!code.startsWith(PREFIX) || end < 0)
        throw new Error("@getodk/web-forms/dist/index.js no longer injects its CSS as expected: update Platform/Web/frontend/survey-forms/extract-css.mjs");
      // The stylesheet is one JavaScript string literal: evaluated on its own (a literal, no code), at build time only.
      let css = vm.runInNewContext(code.slice(PREFIX.length, end), {}, { timeout: 5000 });
      if (typeof css !== "string") throw new Error("The injected stylesheet of @getodk/web-forms is not a string literal.");
      const fonts = path.join(cacheFolder, "fonts");
      fs.rmSync(cacheFolder, { recursive: true, force: true });
      fs.mkdirSync(fonts, { recursive: true });
      let count = 0;
      css = css.replace(/url\(\s*["']?data:font\/(woff2?|ttf|otf);base64,([A-Za-z0-9+/=]+)["']?\s*\)/g, (_, type, data) => {
        const name = `odk-font-${++count}.${type}`;
        fs.writeFileSync(path.join(fonts, name), Buffer.from(data, "base64"));
        return `url("./fonts/${name}")`;
      });
      const file = path.join(cacheFolder, "web-forms.css");
      fs.writeFileSync(file, css);
      return { code: `import ${JSON.stringify(file)};\n` + code.slice(end + SUFFIX.length), map: null };
    },
  };
}
