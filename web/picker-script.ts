/**
 * The searchable pickers' script, served as /static/picker.js (strict CSP: no inline code). Progressive enhancement:
 * without it the pickers are a plain select or checkbox list. With it, a text box above each element marked
 * `data-filter` (its value: the selector of the items to filter) hides the items that do not contain every word
 * typed, hides groups left empty (`data-filter-groups`), and says how many match in a polite live region.
 */
export const pickerJs = `
(function(){
  function setup(el){
    if(el.getAttribute('data-filter-ready'))return;
    el.setAttribute('data-filter-ready','1');
    var items=[].slice.call(el.querySelectorAll(el.getAttribute('data-filter')));
    var groups=[].slice.call(el.querySelectorAll(el.getAttribute('data-filter-groups')||'x-none'));
    var noun=el.getAttribute('data-filter-noun')||'items';
    var id=(el.id||'picker')+'-filter';
    var wrap=document.createElement('div');wrap.className='filter no-print';
    var label=document.createElement('label');label.htmlFor=id;label.textContent=el.getAttribute('data-filter-label')||'Filter';
    var hint=document.createElement('span');hint.className='hint';hint.id=id+'-hint';hint.textContent='Type part of a name or code; the list shows only what matches.';
    var input=document.createElement('input');input.type='search';input.id=id;input.autocomplete='off';input.setAttribute('aria-describedby',hint.id+' '+id+'-count');
    if(el.id)input.setAttribute('aria-controls',el.id);
    var count=document.createElement('p');count.className='small';count.id=id+'-count';count.setAttribute('aria-live','polite');
    wrap.appendChild(label);wrap.appendChild(hint);wrap.appendChild(input);wrap.appendChild(count);
    el.parentNode.insertBefore(wrap,el);
    var timer=null;
    function run(){
      var words=input.value.toLowerCase().split(/\\s+/).filter(Boolean);var shown=0;
      items.forEach(function(it){
        var text=(it.textContent||'').toLowerCase();
        var keep=it.selected||words.every(function(w){return text.indexOf(w)>=0});
        it.hidden=!keep;if(keep)shown++;
      });
      groups.forEach(function(g){g.hidden=!g.querySelector(el.getAttribute('data-filter')+':not([hidden])')});
      clearTimeout(timer);
      timer=setTimeout(function(){count.textContent=words.length?(shown+' of '+items.length+' '+noun+' match'):(items.length+' '+noun)},250);
    }
    input.addEventListener('input',run);
    input.addEventListener('keydown',function(e){if(e.key==='Enter')e.preventDefault()});
  }
  function all(){document.querySelectorAll('[data-filter]').forEach(setup)}
  if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',all);else all();
})();
`;
