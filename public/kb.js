// Renders one knowledge-base article (the widget's source links point here), as text only.
(async () => {
  const main = document.getElementById('article');
  const id = new URLSearchParams(location.search).get('id');
  const show = (title, category, body) => {
    document.title = `${title} · Brightside Home Services`;
    const h1 = document.createElement('h1');
    h1.textContent = title;
    const cat = document.createElement('div');
    cat.className = 'category';
    cat.textContent = category;
    main.replaceChildren(cat, h1, ...body.split(/\n{2,}/).map((para) => {
      const p = document.createElement('p');
      p.textContent = para;
      return p;
    }));
  };
  if (!id || !/^\d+$/.test(id)) return show('Article not found', '', 'No article was given.');
  try {
    const res = await fetch(`/api/v1/kb/articles/${id}`, { headers: { accept: 'application/json' } });
    if (!res.ok) return show('Article not found', '', `This article is not available (HTTP ${res.status}).`);
    const a = await res.json();
    show(a.title, a.category ?? '', a.body ?? '');
  } catch {
    show('Could not load the article', '', 'Check your connection and try again.');
  }
})();
