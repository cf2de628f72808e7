/* One built page's article for a handout, shared by assemble.js and slides-assemble.js: fetched, parsed, and its
   images pointed at their full address, so they load wherever the article is put. */
window.mingleBuiltArticle = async function (url) {
  "use strict";
  var response = await fetch(url);
  if (!response.ok) throw new Error(url + ": HTTP " + response.status);
  var page = new DOMParser().parseFromString(await response.text(), "text/html");
  var article = page.querySelector("article.md-content__inner");
  if (!article) throw new Error(url + ": no article in the built page");
  article.querySelectorAll("img[src]").forEach(function (img) {
    img.setAttribute("src", new URL(img.getAttribute("src"), response.url).href);
  });
  return article;
};
