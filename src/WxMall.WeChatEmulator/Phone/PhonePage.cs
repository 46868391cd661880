namespace WxMall.WeChatEmulator.Phone;

/// <summary>
/// The phone at the emulator's root: pick or create a user, chat with the official account (text, menu, passive replies,
/// template and customer-service messages), open view links in a frame that provides the JS-SDK, pay in a sheet, scan;
/// and a mini-program shell (title bar with the mini-program's name and the capsule, wx.login codes) that opens the H5
/// store at <c>MiniProgram:StartUrl</c> in a web-view frame named <c>wxemu-miniprogram</c>, which the served JS-SDK
/// recognises (<c>wx.miniProgram</c>, <c>window.__wxjs_environment</c>).
/// Plain HTML and a little hand-written JS over the control API; no build step.
/// </summary>
internal static class PhonePage
{
    public const string Html = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>微信模拟器</title>
        <style>
        body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#d9d9d9;display:flex;gap:24px;padding:24px;flex-wrap:wrap}
        #side{width:260px;background:#fff;border-radius:8px;padding:16px}
        #side select,#side input,#side button{width:100%;margin:4px 0;padding:8px;box-sizing:border-box}
        #phone{width:375px;height:720px;background:#ededed;border-radius:24px;border:10px solid #111;display:flex;flex-direction:column;overflow:hidden;position:relative}
        #title{background:#ededed;padding:12px;text-align:center;font-weight:600;border-bottom:1px solid #ddd}
        #chat{flex:1;overflow-y:auto;padding:12px}
        .row{display:flex;margin:8px 0}.row.user{justify-content:flex-end}
        .bubble{max-width:75%;padding:8px 12px;border-radius:6px;background:#fff;white-space:pre-wrap;word-break:break-all}
        .user .bubble{background:#95ec69}.event{justify-content:center}.event .bubble{background:none;color:#999;font-size:12px}
        .card{background:#fff;border-radius:6px;padding:10px;max-width:80%}.card b{display:block;margin-bottom:4px}
        #menu{display:flex;border-top:1px solid #ddd;background:#f7f7f7}#menu>div{flex:1;text-align:center;padding:12px 0;border-left:1px solid #ddd;position:relative;cursor:pointer}
        .sub{position:absolute;bottom:46px;left:0;right:0;background:#fff;border:1px solid #ddd;display:none}.sub div{padding:10px;border-bottom:1px solid #eee}
        #input{display:flex;padding:6px;background:#f7f7f7;border-top:1px solid #ddd}#input input{flex:1;padding:8px}#input button{margin-left:6px}
        #web{position:absolute;inset:0;background:#fff;display:none;flex-direction:column}#web header{padding:10px;background:#ededed;display:flex;justify-content:space-between}
        #web iframe{flex:1;border:0}
        #sheet{position:absolute;inset:0;background:rgba(0,0,0,.5);display:none;align-items:flex-end;z-index:6}
        #sheet>div{background:#fff;width:100%;box-sizing:border-box;padding:20px;border-radius:12px 12px 0 0;text-align:center}#sheetinfo{word-break:break-all}
        #sheet button{width:100%;padding:12px;margin-top:8px;border:0;border-radius:6px;font-size:16px}
        .primary{background:#07c160;color:#fff}
        #mini{position:absolute;inset:0;background:#fff;display:none;flex-direction:column;z-index:5}
        #mininav{height:44px;display:flex;align-items:center;justify-content:center;position:relative;background:#fff;border-bottom:1px solid #eee;font-weight:600}
        #miniback{position:absolute;left:10px;font-size:24px;cursor:pointer;display:none}
        .capsule{position:absolute;right:8px;display:flex;align-items:center;border:1px solid #ddd;border-radius:16px;height:30px;font-weight:400}
        .capsule b{padding:0 12px;cursor:pointer;font-weight:400}.capsule i{width:1px;height:18px;background:#ddd}
        #miniframe{flex:1;border:0;width:100%}
        #minipage{flex:1;display:none;padding:24px;color:#555;text-align:center;white-space:pre-wrap}
        #minibar{display:flex;gap:6px;align-items:center;padding:6px;background:#f7f7f7;border-top:1px solid #ddd}
        #minibar input{flex:1;padding:6px;font-size:12px}
        #minilog{max-height:96px;overflow-y:auto;font-size:12px;color:#666;background:#f7f7f7;padding:0 8px 6px}
        #minimodal{position:absolute;inset:0;background:rgba(0,0,0,.4);display:none;align-items:center;justify-content:center;z-index:7}
        #minimodal>div{background:#fff;border-radius:8px;padding:20px;width:80%;text-align:center}#minimodal button{padding:8px 20px;margin:4px;border:0;border-radius:4px}
        </style></head>
        <body>
        <div id="side">
          <h3>微信模拟器</h3>
          <label>当前用户</label><select id="users"></select>
          <div id="who"></div>
          <button id="follow">关注公众号</button>
          <input id="nickname" placeholder="新用户昵称"><button id="create">创建用户</button>
          <input id="code" placeholder="粘贴 code_url 或二维码链接"><button id="scan">扫一扫</button>
          <button id="openmini">小程序</button>
          <p style="color:#888;font-size:12px">控制接口见 README：/emulator/...</p>
        </div>
        <div id="phone">
          <div id="title">公众号</div>
          <div id="chat"></div>
          <div id="menu"></div>
          <div id="input"><input id="text" placeholder="发消息"><button id="send">发送</button></div>
          <div id="web"><header><span id="webtitle">网页</span><a href="#" id="close">关闭</a></header><iframe id="frame"></iframe></div>
          <div id="mini">
            <div id="mininav"><span id="miniback">‹</span><span id="mininame">小程序</span><span class="capsule"><b id="minimore" title="重新进入小程序">···</b><i></i><b id="miniexit" title="关闭小程序">⊙</b></span></div>
            <iframe id="miniframe" name="wxemu-miniprogram"></iframe>
            <div id="minipage"></div>
            <div id="minibar"><button id="minilogin">wx.login</button><input id="minicode" readonly placeholder="登录 code（jscode2session 可用）"></div>
            <div id="minilog"></div>
            <div id="minimodal" role="dialog" aria-labelledby="minimodaltitle"><div><b id="minimodaltitle"></b><p id="minimodaltext"></p>
              <button id="minimodalcancel">取消</button><button id="minimodalok" class="primary">确定</button></div></div>
          </div>
          <div id="sheet"><div><div style="color:#888">微信支付</div><div id="sheetinfo" style="font-size:24px;margin:16px 0"></div>
            <button class="primary" id="confirm">确认支付</button><button id="cancel">取消</button></div></div>
        </div>
        <script>
        var state = { user: null, users: [], last: 0, pending: null, mini: { app: null, runtime: null, instance: null, stack: [], storage: {} } };
        function $(id) { return document.getElementById(id); }
        function api(method, path, body) {
          return fetch('/emulator/' + path, { method: method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })
            .then(function (r) { return r.json(); });
        }
        function loadUsers(select) {
          return api('GET', 'users').then(function (users) {
            state.users = users;
            $('users').innerHTML = users.map(function (u) { return '<option value="' + u.userId + '">' + u.nickname + '（' + (u.isFollowing ? '已关注' : '未关注') + '）</option>'; }).join('');
            if (select) { state.user = select; }
            if (!state.user && users.length) { state.user = users[0].userId; }
            $('users').value = state.user;
            var u = users.find(function (x) { return x.userId === state.user; });
            $('who').textContent = u ? 'openid: ' + u.officialAccountOpenId : '';
            $('follow').textContent = u && u.isFollowing ? '取消关注' : '关注公众号';
          });
        }
        function add(entry) {
          var row = document.createElement('div');
          var kind = entry.kind;
          row.className = 'row ' + (entry.direction === 'user' ? (kind === 'event' ? 'event' : 'user') : (kind === 'event' ? 'event' : 'account'));
          var text = document.createElement('div');
          if (kind === 'template' || kind === 'payment' || kind === 'subscribe' || kind === 'shipping') {
            text.className = 'card';
            var title = document.createElement('b');
            title.textContent = { template: '模板消息', payment: '微信支付', subscribe: '订阅消息', shipping: '发货通知' }[kind];
            text.appendChild(title);
            text.appendChild(document.createTextNode(entry.summary));
          } else {
            text.className = 'bubble';
            text.textContent = entry.summary;
          }
          row.appendChild(text);
          $('chat').appendChild(row);
          $('chat').scrollTop = 1e9;
        }
        function poll() {
          if (!state.user) { return; }
          api('GET', 'users/' + state.user + '/conversation?after=' + state.last).then(function (entries) {
            entries.forEach(function (e) { state.last = Math.max(state.last, e.sequence); add(e); });
          });
        }
        function switchUser(id) { state.user = id; state.last = 0; $('chat').innerHTML = ''; loadUsers(id).then(poll); }
        function openWeb(url) {
          var u = new URL(url, location.href);
          u.searchParams.set('emulator_user', state.user);
          $('webtitle').textContent = u.host;
          $('frame').src = u.toString();
          $('web').style.display = 'flex';
        }
        function loadMenu() {
          api('GET', 'menu').then(function (buttons) {
            $('menu').innerHTML = '';
            buttons.forEach(function (b) {
              var cell = document.createElement('div');
              cell.textContent = b.name;
              if (b.sub_button && b.sub_button.length) {
                var sub = document.createElement('div'); sub.className = 'sub';
                b.sub_button.forEach(function (s) {
                  var item = document.createElement('div'); item.textContent = s.name;
                  item.onclick = function (e) { e.stopPropagation(); sub.style.display = 'none'; tap(s); };
                  sub.appendChild(item);
                });
                cell.appendChild(sub);
                cell.onclick = function () { sub.style.display = sub.style.display === 'block' ? 'none' : 'block'; };
              } else {
                cell.onclick = function () { tap(b); };
              }
              $('menu').appendChild(cell);
            });
          });
        }
        function tap(button) {
          if (button.type === 'view' || button.type === 'miniprogram') {
            api('POST', 'users/' + state.user + '/menu', { url: button.url });
            openWeb(button.url);
          } else {
            api('POST', 'users/' + state.user + '/menu', { key: button.key }).then(poll);
          }
        }
        function showSheet(info, onConfirm, onCancel) {
          $('sheetinfo').textContent = info;
          $('sheet').style.display = 'flex';
          $('confirm').onclick = function () { $('sheet').style.display = 'none'; onConfirm(); };
          $('cancel').onclick = function () { $('sheet').style.display = 'none'; onCancel(); };
        }
        // The payment sheet of JSAPI (chooseWXPay, getBrandWCPayRequest) and requestPayment: WeChat checks the paySign, the user confirms or cancels.
        function paySheet(params, done) {
          function answer(cancel) {
            api('POST', 'jssdk/pay', Object.assign({}, params, { user: state.user, cancel: cancel })).then(function (result) { done(result); poll(); });
          }
          showSheet('确认付款 ' + params.package, function () { answer(false); }, function () { answer(true); });
        }
        function miniLog(text) {
          var line = document.createElement('div');
          line.textContent = new Date().toLocaleTimeString() + ' ' + text;
          $('minilog').appendChild(line);
          $('minilog').scrollTop = 1e9;
        }
        // The mini-program runtime: the package's scripts run here with the wx API a native page needs; a page whose
        // WXML is <web-view src="{{x}}"> shows data.x in the web-view frame, any other page its WXML text.
        function miniDone(o, ok, result) {
          o = o || {};
          if (ok) { o.success && o.success(result); } else { o.fail && o.fail(result); }
          o.complete && o.complete(result);
        }
        function miniModal(o) {
          $('minimodaltitle').textContent = o.title || '';
          $('minimodaltext').textContent = o.content || '';
          $('minimodalcancel').style.display = o.showCancel === false ? 'none' : 'inline-block';
          $('minimodal').style.display = 'flex';
          function close(confirm) { $('minimodal').style.display = 'none'; miniDone(o, true, { errMsg: 'showModal:ok', confirm: confirm, cancel: !confirm }); }
          $('minimodalok').onclick = function () { close(true); };
          $('minimodalcancel').onclick = function () { close(false); };
        }
        var miniWx = {
          getExtConfigSync: function () { return (state.mini.runtime && state.mini.runtime.extConfig) || {}; },
          getSystemInfoSync: function () { return { platform: 'devtools', windowWidth: 375, windowHeight: 640, language: 'zh_CN' }; },
          login: function (o) {
            if (!state.user) { miniDone(o, false, { errMsg: 'login:fail 未选择用户' }); return; }
            api('POST', 'users/' + state.user + '/miniprogram/login').then(function (r) {
              miniLog('wx.login code ' + r.code);
              $('minicode').value = r.code;
              miniDone(o, true, { errMsg: 'login:ok', code: r.code });
            }, function () { miniDone(o, false, { errMsg: 'login:fail' }); });
          },
          request: function (o) {
            miniLog('wx.request ' + (o.method || 'GET') + ' ' + o.url);
            api('POST', 'miniprogram/request', { url: o.url, method: o.method || 'GET', header: o.header || {}, data: o.data === undefined ? null : o.data })
              .then(function (r) {
                if (r.errMsg === 'request:ok') { miniLog('  → ' + r.statusCode); miniDone(o, true, r); }
                else { miniLog('  → ' + r.errMsg); miniDone(o, false, { errMsg: r.errMsg }); }
              }, function () { miniDone(o, false, { errMsg: 'request:fail' }); });
          },
          requestPayment: function (o) {
            var params = { appId: state.mini.app.appId, timeStamp: String(o.timeStamp), nonceStr: o.nonceStr, package: o.package, signType: o.signType, paySign: o.paySign };
            paySheet(params, function (r) {
              var msg = (r.errMsg || '').replace('get_brand_wcpay_request', 'requestPayment');
              miniLog('wx.requestPayment ' + msg + (r.reason ? ' ' + r.reason : ''));
              if (/:ok$/.test(msg)) { miniDone(o, true, { errMsg: msg }); }
              else { miniDone(o, false, { errMsg: /:cancel$/.test(msg) ? 'requestPayment:fail cancel' : 'requestPayment:fail ' + (r.reason || '') }); }
            });
          },
          navigateTo: function (o) { miniOpen(o.url, false).then(function () { miniDone(o, true, { errMsg: 'navigateTo:ok' }); }); },
          redirectTo: function (o) { miniOpen(o.url, true).then(function () { miniDone(o, true, { errMsg: 'redirectTo:ok' }); }); },
          reLaunch: function (o) { miniUnload(state.mini.stack.length); miniOpen(o.url, false).then(function () { miniDone(o, true, { errMsg: 'reLaunch:ok' }); }); },
          navigateBack: function (o) { miniBack((o && o.delta) || 1); miniDone(o, true, { errMsg: 'navigateBack:ok' }); },
          showToast: function (o) { miniLog('toast ' + o.title); miniDone(o, true, { errMsg: 'showToast:ok' }); },
          showLoading: function (o) { miniLog('loading ' + ((o && o.title) || '')); miniDone(o, true, { errMsg: 'showLoading:ok' }); },
          hideLoading: function (o) { miniDone(o, true, { errMsg: 'hideLoading:ok' }); },
          showModal: miniModal,
          getStorageSync: function (key) { return state.mini.storage[key]; },
          setStorageSync: function (key, value) { state.mini.storage[key] = value; },
          removeStorageSync: function (key) { delete state.mini.storage[key]; }
        };
        function miniRun(path, source, hooks) {
          // The package's own code, with the globals a mini-program script sees.
          new Function('App', 'Page', 'getApp', 'wx', source + '\n//# sourceURL=miniprogram/' + path)(
            hooks.App || function () {}, hooks.Page || function () {}, function () { return state.mini.instance; }, miniWx);
        }
        function miniFetch(path) {
          return fetch('/emulator/miniprogram/package/' + path).then(function (r) { return r.ok ? r.text() : null; });
        }
        function miniWebUrl(url) {
          var u = new URL(url, location.href);
          if (state.user) { u.searchParams.set('emulator_user', state.user); }
          return u.toString();
        }
        function miniRender() {
          var stack = state.mini.stack, top = stack[stack.length - 1];
          if (!top) { return; }
          var web = !!top.web;
          $('miniframe').style.display = web ? 'block' : 'none';
          $('minipage').style.display = web ? 'none' : 'block';
          $('miniback').style.display = stack.length > 1 ? 'block' : 'none';
          $('mininame').textContent = top.title || state.mini.app.name;
          if (web) {
            if ($('miniframe').getAttribute('data-url') !== top.web) { $('miniframe').setAttribute('data-url', top.web); $('miniframe').src = top.web; miniLog('打开 web-view ' + top.web); }
            return;
          }
          var data = (top.page && top.page.data) || {};
          $('minipage').textContent = top.wxml
            ? top.wxml.replace(/<[^>]*>/g, ' ').replace(/\{\{\s*(\w+)\s*\}\}/g, function (m, k) { return data[k] === undefined ? '' : data[k]; }).replace(/\s+/g, ' ').trim()
            : '小程序页面 ' + top.route + '\n（模拟器未加载小程序代码包，点左上角返回）';
          $('minipage').setAttribute('data-route', top.route);
        }
        function miniEntryChanged(entry) {
          var m = entry.wxml && /<web-view[^>]*\ssrc="\{\{\s*(\w+)\s*\}\}"/.exec(entry.wxml);
          if (m && entry.page.data[m[1]]) { entry.web = miniWebUrl(entry.page.data[m[1]]); }
          if (state.mini.stack[state.mini.stack.length - 1] === entry) { miniRender(); }
        }
        function miniOpen(url, replace) {
          var parts = String(url).replace(/^\//, '').split('?');
          var route = parts[0], query = {};
          new URLSearchParams(parts[1] || '').forEach(function (v, k) { query[k] = v; });
          var entry = { route: route, query: query, page: null, wxml: null, web: null, title: null };
          if (replace) { miniUnload(1); }
          state.mini.stack.push(entry);
          miniLog((replace ? 'redirectTo ' : 'navigateTo ') + url);
          if (!state.mini.runtime.package) { miniRender(); return Promise.resolve(); }
          return Promise.all([miniFetch(route + '.js'), miniFetch(route + '.wxml'), miniFetch(route + '.json')]).then(function (files) {
            entry.wxml = files[1];
            try { entry.title = files[2] && JSON.parse(files[2]).navigationBarTitleText; } catch (e) { }
            var definition = null;
            if (files[0]) { miniRun(route + '.js', files[0], { Page: function (o) { definition = o; } }); }
            var page = Object.assign({}, definition || {});
            page.data = JSON.parse(JSON.stringify((definition && definition.data) || {}));
            page.route = route;
            page.setData = function (changes) { Object.assign(page.data, changes); miniEntryChanged(entry); };
            entry.page = page;
            miniEntryChanged(entry);
            miniRender();
            if (page.onLoad) { page.onLoad(query); }
            if (page.onShow) { page.onShow(); }
          });
        }
        function miniUnload(count) {
          for (var i = 0; i < count && state.mini.stack.length; i++) {
            var entry = state.mini.stack.pop();
            if (entry.page && entry.page.onUnload) { entry.page.onUnload(); }
          }
        }
        function miniBack(delta) {
          miniLog('navigateBack delta=' + delta);
          miniUnload(Math.min(delta, state.mini.stack.length - 1));
          miniRender();
        }
        function openMini() {
          var accounts = state.mini.app ? Promise.resolve(state.mini.app) : api('GET', 'accounts').then(function (a) { state.mini.app = a.miniProgram; return a.miniProgram; });
          Promise.all([accounts, api('GET', 'miniprogram/runtime')]).then(function (loaded) {
            var app = loaded[0];
            state.mini.runtime = loaded[1];
            state.mini.stack = [];
            state.mini.storage = {};
            state.mini.instance = null;
            $('miniframe').removeAttribute('data-url');
            $('mininame').textContent = app.name;
            $('mini').style.display = 'flex';
            if (!state.mini.runtime.package) {
              // No package: the web-view on the start page, as a shell that only hosts the H5 store would.
              state.mini.stack.push({ route: 'web-view', web: miniWebUrl(app.startUrl || 'http://localhost:5000/') });
              miniRender();
              return;
            }
            miniFetch('app.json').then(function (text) {
              var config = JSON.parse(text);
              return miniFetch('app.js').then(function (source) {
                var definition = {};
                if (source) { miniRun('app.js', source, { App: function (o) { definition = o; } }); }
                state.mini.instance = definition;
                miniLog('小程序启动 ' + app.name);
                if (definition.onLaunch) { definition.onLaunch.call(definition, { path: config.pages[0], query: {} }); }
                return miniOpen(config.pages[0], false);
              });
            });
          });
        }
        function closeMini() {
          miniUnload(state.mini.stack.length);
          $('mini').style.display = 'none';
          $('miniframe').src = 'about:blank';
          $('miniframe').removeAttribute('data-url');
        }
        function miniCall(method, args) {
          if (method === 'postMessage') { miniLog('postMessage ' + JSON.stringify(args.data)); return; }
          if (method === 'navigateBack' && state.mini.stack.length <= 1) { closeMini(); return; }
          if (method === 'switchTab') { method = 'reLaunch'; }
          if (miniWx[method]) { miniWx[method](args); }
        }
        window.addEventListener('message', function (event) {
          var data = event.data || {};
          if (data.type === 'wxemu-close') { $('web').style.display = 'none'; }
          if (data.type === 'wxemu-miniprogram' && event.source === $('miniframe').contentWindow) { miniCall(data.method, data.args || {}); return; }
          if (data.type !== 'wxemu-pay') { return; }
          paySheet(data.params, function (result) { event.source.postMessage({ type: 'wxemu-pay-result', id: data.id, result: result }, '*'); });
        });
        $('users').onchange = function () { switchUser(this.value); };
        $('create').onclick = function () { api('POST', 'users', { nickname: $('nickname').value || '微信用户' }).then(function (u) { switchUser(u.userId); }); };
        $('follow').onclick = function () {
          var u = state.users.find(function (x) { return x.userId === state.user; });
          api('POST', 'users/' + state.user + (u && u.isFollowing ? '/unfollow' : '/follow')).then(function () { loadUsers(); poll(); });
        };
        $('send').onclick = function () {
          var text = $('text').value; if (!text) { return; }
          $('text').value = '';
          api('POST', 'users/' + state.user + '/messages', { content: text }).then(poll);
        };
        $('text').onkeydown = function (e) { if (e.key === 'Enter') { $('send').onclick(); } };
        $('close').onclick = function (e) { e.preventDefault(); $('web').style.display = 'none'; $('frame').src = 'about:blank'; };
        $('openmini').onclick = openMini;
        $('miniexit').onclick = closeMini;
        $('minimore').onclick = openMini;
        $('miniback').onclick = function () { miniBack(1); };
        $('minilogin').onclick = function () {
          if (!state.user) { alert('请先创建用户'); return; }
          api('POST', 'users/' + state.user + '/miniprogram/login').then(function (r) {
            $('minicode').value = r.code;
            miniLog('wx.login code ' + r.code);
          });
        };
        $('scan').onclick = function () {
          api('POST', 'users/' + state.user + '/scan', { code: $('code').value }).then(function (r) {
            if (r.kind === 'payment' && r.ok) {
              showSheet(r.description + ' ￥' + (r.totalFen / 100).toFixed(2), function () {
                api('POST', 'pay/pay', { reference: r.reference, user: state.user }).then(function (p) { alert(p.message); poll(); });
              }, function () {});
            } else if (r.message) { alert(r.message); } else { loadUsers(); poll(); }
          });
        };
        loadUsers().then(function () { poll(); loadMenu(); });
        setInterval(poll, 1000);
        setInterval(loadMenu, 10000);
        </script>
        </body></html>
        """;
}
