/* One built page's article for a handout, shared by assemble.js and slides-assemble.js: fetched, parsed, and its
   images pointed at their full address, so they load wherever the article is put. Loaded first of the three. */
((root) => {
  "use strict";

  async function builtArticle(url) {
    const response = await root.fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const page = new root.DOMParser().parseFromString(await response.text(), "text/html");
    const article = page.querySelector("article.md-content__inner");
    if (!article) throw new Error(`${url}: no article in the built page`);
    for (const img of article.querySelectorAll("img[src]")) {
      img.setAttribute("src", new URL(img.getAttribute("src"), response.url).href);
    }
    return article;
  }

  (root.Mingle ||= {}).handouts = { builtArticle };
})(window);
