// Inside WeChat: configure the JS-SDK for this page (signature from /api/wechat/jssdk-config) and set the share card.
// <html data-wx="ok|error|unavailable"> tells how it went (the browser tests read it).
(function () {
  'use strict';
  var root = document.documentElement;
  if (!window.wx) { root.setAttribute('data-wx', 'unavailable'); return; }
  var meta = function (name) { var m = document.querySelector('meta[name="wxmall:' + name + '"]'); return m ? m.getAttribute('content') : null; };
  var url = location.href.split('#')[0];
  fetch('/api/wechat/jssdk-config?url=' + encodeURIComponent(url), { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (c) {
      wx.config({
        debug: false, appId: c.appId, timestamp: c.timestamp, nonceStr: c.nonceStr, signature: c.signature,
        jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData', 'chooseWXPay', 'closeWindow']
      });
      wx.error(function () { root.setAttribute('data-wx', 'error'); });
      wx.ready(function () {
        root.setAttribute('data-wx', 'ok');
        var title = meta('share-title');
        if (!title) { return; }
        var card = { title: title, desc: meta('share-desc') || '', link: meta('share-link') || url, imgUrl: meta('share-image') || '' };
        if (wx.updateAppMessageShareData) { wx.updateAppMessageShareData(card); }
        if (wx.updateTimelineShareData) { wx.updateTimelineShareData({ title: card.title, link: card.link, imgUrl: card.imgUrl }); }
        root.setAttribute('data-wx-share', card.link);
      });
    })
    .catch(function () { root.setAttribute('data-wx', 'error'); });
})();
