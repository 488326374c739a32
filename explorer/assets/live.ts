/**
 * The explorer's live script, served at /explorer-live.js. A page opts in with
 * `<main data-topics='[{"kind":"blocks"}]'>` and marks what may change with `data-live-region` and an
 * id. The script subscribes to those topics on the hub's WebSocket (/ws, JSON-RPC `subscribe`); on
 * every notification it re-fetches the same page and swaps in the regions that changed. The server
 * stays the only renderer, so a live page and a reloaded one look exactly alike. After subscribing
 * it refreshes once, to catch what happened between the page's render and the subscription.
 * Refreshes never overlap and run at most every MIN_GAP ms; a lost socket reconnects with backoff.
 */
export const LIVE_SCRIPT = `(function(){
var main=document.querySelector('main[data-topics]');if(!main||!window.WebSocket)return;
var topics;try{topics=JSON.parse(main.getAttribute('data-topics'))}catch(e){return}
var MIN_GAP=250,busy=false,dirty=false,last=0,timer=null,retry=500,updates=0;
var state=document.getElementById('live-state');
function say(s){if(state)state.textContent=s;main.setAttribute('data-live',s)}
function refresh(){
  if(busy){dirty=true;return}
  var wait=last+MIN_GAP-Date.now();
  if(wait>0){if(!timer)timer=setTimeout(function(){timer=null;refresh()},wait);return}
  busy=true;dirty=false;last=Date.now();
  fetch(location.href,{headers:{accept:'text/html'},cache:'no-store'}).then(function(r){return r.ok?r.text():null}).then(function(html){
    if(!html)return;
    var doc=new DOMParser().parseFromString(html,'text/html');
    document.querySelectorAll('[data-live-region]').forEach(function(el){
      var fresh=el.id&&doc.getElementById(el.id);
      if(fresh&&fresh.innerHTML!==el.innerHTML)el.innerHTML=fresh.innerHTML;
    });
    updates++;main.setAttribute('data-live-updates',String(updates));
  }).catch(function(){}).then(function(){busy=false;if(dirty)refresh()});
}
function connect(){
  var ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/ws');
  var acks=0;
  ws.onopen=function(){retry=500;ws.send(JSON.stringify(topics.map(function(t,i){return{jsonrpc:'2.0',id:i+1,method:'subscribe',params:[t]}})))};
  ws.onmessage=function(m){
    var msg;try{msg=JSON.parse(m.data)}catch(e){return}
    var list=Array.isArray(msg)?msg:[msg];
    list.forEach(function(x){
      if(x&&x.method==='subscription'){refresh()}
      else if(x&&x.id&&x.result){if(++acks===topics.length){say('live');refresh()}}
    });
  };
  ws.onclose=function(){say('reconnecting');setTimeout(connect,retry);retry=Math.min(retry*2,10000)};
}
say('connecting');connect();
})();`;
