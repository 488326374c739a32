/**
 * The theme toggle. THEME_BOOT runs inline in <head> so a saved choice applies before first paint;
 * THEME_TOGGLE wires the header button (light → dark → system) and keeps its label truthful.
 */
export const THEME_BOOT = `try{var t=localStorage.getItem('theme');if(t)document.documentElement.dataset.theme=t}catch(e){}`;

export const THEME_TOGGLE = `(function(){
var b=document.getElementById('theme-toggle');if(!b)return;
var order=['system','light','dark'];
function cur(){return document.documentElement.dataset.theme||'system'}
function label(){b.textContent='Theme: '+cur();b.setAttribute('aria-label','Colour theme: '+cur()+' (change)')}
b.addEventListener('click',function(){var n=order[(order.indexOf(cur())+1)%3];
if(n==='system'){delete document.documentElement.dataset.theme;try{localStorage.removeItem('theme')}catch(e){}}
else{document.documentElement.dataset.theme=n;try{localStorage.setItem('theme',n)}catch(e){}}label()});
label()})();`;
