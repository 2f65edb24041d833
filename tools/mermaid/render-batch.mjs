// Render many .mmd files with the Mermaid that mermaid-cli bundles, in one headless Chromium
// page (mermaid-cli's own renderMermaid opens a page per diagram: ~3 s each on a busy machine).
// Usage: node render-batch.mjs FILE.mmd...  Writes FILE.mmd.svg for each diagram that renders
// and prints one JSON line per file: {"file": ..., "ok": true|false, "error": ...}.
// The browser is $PUPPETEER_EXECUTABLE_PATH (the system's Chromium), without a sandbox.
import fs from 'node:fs'
import path from 'node:path'
import url from 'node:url'
import puppeteer from 'puppeteer'

const here = path.dirname(url.fileURLToPath(import.meta.url))
const modules = path.join(here, 'node_modules')
const shell = url.pathToFileURL(path.join(modules, '@mermaid-js', 'mermaid-cli', 'dist', 'index.html')).href
const mermaidJs = path.join(modules, 'mermaid', 'dist', 'mermaid.js')

async function freshPage (browser) {
  const page = await browser.newPage()
  await page.goto(shell)
  await page.addScriptTag({ path: mermaidJs })
  await page.evaluate(() => globalThis.mermaid.initialize({ startOnLoad: false }))
  return page
}

const browser = await puppeteer.launch({
  headless: 'shell',
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
})
try {
  let page = await freshPage(browser)
  const files = process.argv.slice(2)
  for (const [n, file] of files.entries()) {
    if (n && n % 100 === 0) { await page.close(); page = await freshPage(browser) }
    const definition = fs.readFileSync(file, 'utf8')
    const result = await page.evaluate(async (definition, id) => {
      const container = document.getElementById('container')
      container.innerHTML = ''
      try {
        const { svg } = await globalThis.mermaid.render(id, definition, container)
        container.innerHTML = svg
        return { svg: new XMLSerializer().serializeToString(container.querySelector('svg')) }
      } catch (err) {
        return { error: String((err && err.message) || err) }
      } finally {
        document.querySelectorAll('[id^="d' + id + '"]').forEach((el) => el.remove())
      }
    }, definition, `m${n}`)
    if (result.svg) {
      fs.writeFileSync(file + '.svg', result.svg)
      console.log(JSON.stringify({ file, ok: true }))
    } else {
      console.log(JSON.stringify({ file, ok: false, error: result.error }))
    }
  }
} finally {
  await browser.close()
}
