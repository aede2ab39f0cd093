/** Static assets as modules, so the same bundle serves them on Node and on Workers. */

export const appCss = `
:root{--fg:#0b0c0c;--muted:#505a5f;--bg:#fff;--accent:#1d4f91;--ok:#00703c;--warn:#8a5300;--bad:#b10e1e;--line:#b1b4b6;--soft:#f3f2f1;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}
body{margin:0;font-size:1.0625rem}
a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 5px var(--fg)}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#ffdd00;padding:8px;z-index:9}
header.site{background:var(--accent);color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header.site a,header.site .link{color:#fff}.brand{font-weight:700;font-size:1.2rem;text-decoration:none}
header.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.lang-switch{margin-left:auto}.lang-switch [aria-current]{font-weight:700;text-decoration:underline}
main{max-width:60rem;margin:0 auto;padding:1rem}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding:1rem;max-width:60rem;margin:2rem auto 0}
h1{font-size:1.75rem;line-height:1.2}h2{font-size:1.35rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft)}
.scroll{overflow-x:auto;position:relative}fieldset{min-width:0}
.tag{display:inline-block;font-size:.8rem;font-weight:600;padding:.05rem .4rem;border-radius:3px;background:var(--soft);color:var(--fg);margin:0 .25rem}
.tag.ok{background:#cce2d8;color:#005a30}.tag.warn{background:#fff7bf;color:#594d00}.tag.bad{background:#f4cdc6;color:#942514}
.notice{padding:.75rem 1rem;border-left:6px solid var(--ok);background:#e6f3ec}.notice.error{border-color:var(--bad);background:#fbe9e7}
form.stack label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=number],input[type=search],select,textarea{font:inherit;width:100%;max-width:32rem;padding:.5rem;border:2px solid var(--fg);border-radius:0;margin-top:.25rem}
textarea{min-height:6rem}
button,.button{font:inherit;font-weight:600;background:var(--ok);color:#fff;border:0;padding:.6rem 1.1rem;margin-top:1rem;min-height:44px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:var(--soft);color:var(--fg)}button.danger{background:var(--bad)}
button.link{background:none;padding:0;margin:0;min-height:0;text-decoration:underline;font-weight:400}
form.inline{display:inline}
.inline-list{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
pre.mail{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit}
.check{margin-top:.5rem}input[type=checkbox],input[type=radio]{width:1.4rem;height:1.4rem;vertical-align:middle;margin:0 .5rem 0 0;accent-color:var(--accent)}
.notice,.route-plan,.source{overflow-wrap:anywhere}.fit-list{padding-left:1.25rem}.fit-list li{margin:.5rem 0}.ladder-figure{margin:1rem 0;overflow-x:auto}
form.stack .check label,.check label{display:inline;font-weight:400;margin-top:0}
.cards{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.card{border:1px solid var(--line);padding:1rem;border-radius:4px}.card+.card{margin-top:1rem}.card>h2:first-child,.card>h3:first-child{margin-top:0}
.cols{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))}
.ladder ol{padding-left:1.25rem}.ladder li{margin:.25rem 0}
.muted{color:var(--muted)}.small{font-size:.9rem}
.error-text{display:block;color:var(--bad);font-weight:600}.hint{display:block;font-weight:400;color:var(--muted);font-size:.95rem}
progress{width:100%;height:1.5rem}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}.technical{overflow-wrap:anywhere}
svg{max-width:100%;height:auto}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.pin strong{font-size:2rem;letter-spacing:.3em;font-variant-numeric:tabular-nums}
@media (max-width:30rem){main{padding:.75rem}h1{font-size:1.45rem}th,td{padding:.35rem}}
@media print{header.site,footer.site,nav,.no-print,button{display:none!important}main{max-width:none}a{color:inherit;text-decoration:none}.certificate{border:6px double #1d4f91;padding:2rem}}
`;

/** Progressive enhancement only: every page works without it. */
export const appJs = `
(function(){
  function poll(el){
    var url=el.getAttribute('data-poll');if(!url)return;
    fetch(url,{headers:{accept:'application/json'},credentials:'same-origin'}).then(function(r){return r.json()}).then(function(s){
      var bar=el.querySelector('progress');var txt=el.querySelector('[data-progress-text]');
      if(bar){bar.max=s.total||1;bar.value=s.done||0}
      if(txt){txt.textContent=(s.done||0)+' of '+(s.total||0)+' processed'+(s.failed?' ('+s.failed+' failed)':'')}
      if(s.finished){var next=el.getAttribute('data-done-href');if(next)location.href=next}else setTimeout(function(){poll(el)},700);
    }).catch(function(){setTimeout(function(){poll(el)},2000)});
  }
  document.addEventListener('DOMContentLoaded',function(){
    var summary=document.querySelector('[aria-labelledby="error-summary-title"]');if(summary)summary.focus();
    document.querySelectorAll('[data-poll]').forEach(poll);
    document.querySelectorAll('[data-confirm]').forEach(function(f){f.addEventListener('submit',function(e){if(!confirm(f.getAttribute('data-confirm')))e.preventDefault()})});
    document.querySelectorAll('[data-copy]').forEach(function(b){b.addEventListener('click',function(){var t=document.getElementById(b.getAttribute('data-copy'));if(t&&navigator.clipboard){navigator.clipboard.writeText(t.value||t.textContent);b.textContent='Copied'}})});
    document.querySelectorAll('[data-autosubmit]').forEach(function(f){f.requestSubmit&&f.requestSubmit()});
  });
})();
`;
