// Payment pages: poll the order's payment status, start the JSAPI payment inside WeChat, and inside the mini-program's
// web-view hand the payment to the mini-program's own pay page.
(function () {
  'use strict';
  var state = document.getElementById('pay-state');

  // Poll until the store says paid (or the order left "awaiting payment", e.g. cancelled at its deadline); the server
  // asks WeChat Pay when unsure. Every 2 s for the first two minutes, then every 10 s, until a minute past the deadline
  // (the timeout cancel runs then), so a page left open still moves on by itself.
  var poll = function (url, paidUrl, status, deadline) {
    var started = Date.now();
    var stopAt = (deadline || started + 5 * 60 * 1000) + 60 * 1000;
    var later = function (failed) {
      if (Date.now() > stopAt) { return; }
      window.setTimeout(next, failed ? 5000 : Date.now() - started < 120 * 1000 ? 2000 : 10000);
    };
    var next = function () {
      fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) { later(true); return; }
          if (s.paid || s.status !== 'AwaitingPayment') {
            if (paidUrl) { window.location.href = paidUrl; } else { window.location.reload(); }
            return;
          }
          if (status && s.nextStep) { status.textContent = s.nextStep; }
          later(false);
        })
        .catch(function () { later(true); });
    };
    window.setTimeout(next, 1500);
  };
  var deadlineOf = function (el) { return parseInt(el.getAttribute('data-deadline'), 10) || null; };

  var polled = document.querySelector('[data-poll]');
  if (polled && polled.getAttribute('data-poll')) {
    poll(polled.getAttribute('data-poll'), polled.getAttribute('data-paid'), state, deadlineOf(polled));
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

  // The mini-program's web-view: the page opens /pages/pay/index?order=… (which calls wx.requestPayment) and polls the
  // order meanwhile; when the shopper comes back paid, this page moves on to the result by itself.
  var mini = document.getElementById('mini-pay');
  if (mini) {
    var methods = document.getElementById('pay-methods');
    var miniState = document.getElementById('mini-pay-state');
    var polling = false;
    var inMiniProgram = function () { return window.__wxjs_environment === 'miniprogram'; };
    var show = function () {
      if (!inMiniProgram()) { return; }
      mini.hidden = false;
      if (methods) { methods.hidden = true; }
    };
    show();
    document.addEventListener('WeixinJSBridgeReady', show, false);
    document.getElementById('mini-pay-button').addEventListener('click', function () {
      if (!window.wx || !window.wx.miniProgram) { miniState.textContent = '请在小程序中打开本页面，或改用其他支付方式。'; return; }
      window.wx.miniProgram.navigateTo({
        url: mini.getAttribute('data-page'),
        fail: function () { miniState.textContent = '无法打开小程序支付页，请返回小程序首页重试。'; }
      });
      miniState.textContent = '正在小程序中支付… 付款完成后本页会自动跳转；如已取消，可再次点击按钮。';
      if (!polling) { polling = true; poll(mini.getAttribute('data-poll-url'), mini.getAttribute('data-paid'), null, deadlineOf(mini)); }
    });
  }
})();
