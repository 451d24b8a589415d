import { describe, expect, it } from "vitest";
import { html, jsonScript, queryString, SafeHtml } from "./html.ts";

describe("html", () => {
  it("escapes interpolated text but not SafeHtml; joins arrays; drops null, undefined and false", () => {
    const name = `<img src=x onerror="alert('x')">&`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      `<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x ` +
        `onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>`,
    );
    expect(html`<ul>${["a", "<b>"].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe(
      "<ul><li>a</li><li>&lt;b&gt;</li></ul>",
    );
    expect(html`${null}${undefined}${false}${0}${new SafeHtml("<br>")}`.value).toBe("0<br>");
  });

  it("page data cannot close its script block or start HTML", () => {
    const block = jsonScript("page-data", {
      name: "</script><script>alert(1)</script>",
      line: "a\u2028b",
      amp: "&",
    }).value;
    expect(block).toBe(
      '<script type="application/json" ' +
        'id="page-data">{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",' +
        '"line":"a\\u2028b","amp":"\\u0026"}</script>',
    );
    const json = block.slice(block.indexOf(">") + 1, block.lastIndexOf("</script>"));
    expect(JSON.parse(json)).toEqual({ name: "</script><script>alert(1)</script>", line: "a\u2028b", amp: "&" });
  });

  it("builds query strings from the values that are set", () => {
    expect(queryString({ band: "high", plan: undefined, owner: "a b@c", offset: 0, empty: "" })).toBe(
      "?band=high&owner=a+b%40c&offset=0",
    );
    expect(queryString({ x: undefined })).toBe("");
  });
});
