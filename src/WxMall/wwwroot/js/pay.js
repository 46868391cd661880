// Payment pages: poll the order's payment status, and start the JSAPI payment inside WeChat.
(function () {
  'use strict';
  var state = document.getElementById('pay-state');

  // Poll until the store says paid (or the order left "awaiting payment"); the server asks WeChat Pay when unsure.
  var polled = document.querySelector('[data-poll]');
  if (polled && polled.getAttribute('data-poll')) {
    var url = polled.getAttribute('data-poll');
    var paidUrl = polled.getAttribute('data-paid');
    var tries = 0;
    var poll = function () {
      tries++;
      fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) { return; }
          if (s.paid || s.status !== 'AwaitingPayment') {
            if (paidUrl) { window.location.href = paidUrl; } else { window.location.reload(); }
            return;
          }
          if (state) { state.textContent = s.nextStep; }
          if (tries < 150) { window.setTimeout(poll, 2000); }
        })
        .catch(function () { if (tries < 150) { window.setTimeout(poll, 4000); } });
    };
    window.setTimeout(poll, 1500);
  }

  // JSAPI: WeixinJSBridge (WeChat's browser, and the emulator's script) needs no wx.config for getBrandWCPayRequest.
  var button = document.getElementById('jsapi-pay');
  if (button) {
    var done = function (res) {
      var msg = (res && res.err_msg) || '';
      if (/:ok$/.test(msg)) { window.location.href = document.getElementById('jsapi').getAttribute('data-paid'); return; }
      state.textContent = /cancel/.test(msg) ? '已取消支付。可再次点击按钮付款，或返回订单稍后支付。' : '支付未完成（' + msg + '）。请重试，或返回上一页改用扫码支付。';
    };
    var pay = function () {
      var d = button.dataset;
      var params = { appId: d.appId, timeStamp: d.timestamp, nonceStr: d.nonce, package: d.package, signType: d.signType, paySign: d.paySign };
      if (window.WeixinJSBridge) { window.WeixinJSBridge.invoke('getBrandWCPayRequest', params, done); return; }
      state.textContent = '请在微信中打开本页面完成支付，或返回上一页改用扫码支付。';
    };
    button.addEventListener('click', pay);
    if (window.WeixinJSBridge) { pay(); } else { document.addEventListener('WeixinJSBridgeReady', pay, false); }
  }
})();
