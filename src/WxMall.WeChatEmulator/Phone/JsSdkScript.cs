namespace WxMall.WeChatEmulator.Phone;

/// <summary>
/// Served at /open/js/jweixin-1.6.0.js in place of res.wx.qq.com's script: wx.config / ready / error, wx.chooseWXPay and
/// WeixinJSBridge.invoke('getBrandWCPayRequest'). Inside the phone page's frame the payment sheet is the phone's; opened
/// directly, the script draws its own sheet. Inside the phone's mini-program shell (its web-view frame is named
/// <c>wxemu-miniprogram</c>) it sets <c>window.__wxjs_environment = 'miniprogram'</c>, <c>wx.miniProgram.getEnv</c> answers
/// <c>{ miniprogram: true }</c> and navigateTo / navigateBack / redirectTo / switchTab / reLaunch / postMessage go to the shell.
/// </summary>
internal static class JsSdkScript
{
    public const string Source = """
        (function () {
          var script = document.currentScript;
          var base = script ? new URL(script.src).origin : '';
          var readyCallbacks = [], errorCallbacks = [], configured = null;
          var inMiniProgram = window.parent !== window && window.name === 'wxemu-miniprogram';
          if (inMiniProgram) { window.__wxjs_environment = 'miniprogram'; }
          function miniProgramCall(method) {
            return function (o) {
              o = o || {};
              var msg = method + (inMiniProgram ? ':ok' : ':fail not in miniprogram');
              if (inMiniProgram) {
                window.parent.postMessage({ type: 'wxemu-miniprogram', method: method, args: JSON.parse(JSON.stringify(o)) }, '*');
                o.success && o.success({ errMsg: msg });
              } else {
                o.fail && o.fail({ errMsg: msg });
              }
              o.complete && o.complete({ errMsg: msg });
            };
          }
          function post(path, body) {
            return fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
              .then(function (r) { return r.json(); });
          }
          function user() { var m = /[?&]emulator_user=([^&#]+)/.exec(location.search); return m ? decodeURIComponent(m[1]) : null; }
          function sheet(params, done) {
            var overlay = document.createElement('div');
            overlay.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.5);display:flex;align-items:flex-end;z-index:99999;font-family:sans-serif';
            overlay.innerHTML = '<div style="background:#fff;width:100%;padding:20px;border-radius:12px 12px 0 0;text-align:center">' +
              '<div style="color:#888">微信支付（模拟器）</div><div style="font-size:28px;margin:16px 0">' + params.package + '</div>' +
              '<button id="wxemu-pay" style="width:100%;padding:12px;background:#07c160;color:#fff;border:0;border-radius:6px;font-size:17px">确认支付</button>' +
              '<button id="wxemu-cancel" style="width:100%;padding:12px;margin-top:8px;border:0;background:#f2f2f2;border-radius:6px">取消</button></div>';
            document.body.appendChild(overlay);
            function finish(cancel) {
              overlay.remove();
              post('/emulator/jssdk/pay', Object.assign({}, params, { user: user(), cancel: cancel })).then(done, function () { done({ errMsg: 'get_brand_wcpay_request:fail' }); });
            }
            overlay.querySelector('#wxemu-pay').onclick = function () { finish(false); };
            overlay.querySelector('#wxemu-cancel').onclick = function () { finish(true); };
          }
          function pay(params, done) {
            if (window.parent !== window) {
              var id = 'p' + Math.random().toString(36).slice(2);
              window.addEventListener('message', function listener(event) {
                if (event.data && event.data.type === 'wxemu-pay-result' && event.data.id === id) {
                  window.removeEventListener('message', listener);
                  done(event.data.result);
                }
              });
              window.parent.postMessage({ type: 'wxemu-pay', id: id, params: params }, '*');
            } else {
              sheet(params, done);
            }
          }
          var wx = {
            config: function (options) {
              configured = post('/emulator/jssdk/config', { appId: options.appId, timestamp: String(options.timestamp), nonceStr: options.nonceStr, signature: options.signature, url: location.href.split('#')[0] })
                .then(function (result) {
                  if (options.debug) { alert(JSON.stringify(result)); }
                  if (result.errMsg === 'config:ok') { readyCallbacks.forEach(function (f) { f(); }); }
                  else { errorCallbacks.forEach(function (f) { f(result); }); }
                  return result;
                });
              wx.__appId = options.appId;
            },
            ready: function (f) { readyCallbacks.push(f); if (configured) { configured.then(function (r) { if (r.errMsg === 'config:ok') { f(); } }); } },
            error: function (f) { errorCallbacks.push(f); },
            checkJsApi: function (o) { o && o.success && o.success({ errMsg: 'checkJsApi:ok', checkResult: {} }); },
            chooseWXPay: function (o) {
              pay({ appId: wx.__appId, timeStamp: String(o.timestamp), nonceStr: o.nonceStr, package: o.package, signType: o.signType, paySign: o.paySign }, function (r) {
                var msg = (r.errMsg || '').replace('get_brand_wcpay_request', 'chooseWXPay');
                if (/:ok$/.test(msg)) { o.success && o.success({ errMsg: msg }); }
                else if (/:cancel$/.test(msg)) { o.cancel && o.cancel({ errMsg: msg }); }
                else { o.fail && o.fail({ errMsg: msg, reason: r.reason }); }
                o.complete && o.complete({ errMsg: msg });
              });
            },
            miniProgram: {
              getEnv: function (callback) { callback && callback({ miniprogram: inMiniProgram }); },
              navigateTo: miniProgramCall('navigateTo'),
              navigateBack: miniProgramCall('navigateBack'),
              redirectTo: miniProgramCall('redirectTo'),
              switchTab: miniProgramCall('switchTab'),
              reLaunch: miniProgramCall('reLaunch'),
              postMessage: miniProgramCall('postMessage')
            },
            closeWindow: function () { if (window.parent !== window) { window.parent.postMessage({ type: 'wxemu-close' }, '*'); } }
          };
          window.wx = window.jWeixin = wx;
          window.WeixinJSBridge = {
            invoke: function (name, params, callback) {
              if (name !== 'getBrandWCPayRequest') { callback && callback({ err_msg: name + ':fail' }); return; }
              pay(params, function (r) { callback && callback({ err_msg: r.errMsg, reason: r.reason }); });
            },
            on: function () {}
          };
          setTimeout(function () { document.dispatchEvent(new Event('WeixinJSBridgeReady')); }, 0);
        })();
        """;
}
