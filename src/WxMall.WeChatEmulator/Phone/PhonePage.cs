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
        #sheet>div{background:#fff;width:100%;padding:20px;border-radius:12px 12px 0 0;text-align:center}
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
          </div>
          <div id="sheet"><div><div style="color:#888">微信支付</div><div id="sheetinfo" style="font-size:24px;margin:16px 0"></div>
            <button class="primary" id="confirm">确认支付</button><button id="cancel">取消</button></div></div>
        </div>
        <script>
        var state = { user: null, users: [], last: 0, pending: null, mini: { app: null, stack: [] } };
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
        function miniLog(text) {
          var line = document.createElement('div');
          line.textContent = new Date().toLocaleTimeString() + ' ' + text;
          $('minilog').appendChild(line);
          $('minilog').scrollTop = 1e9;
        }
        function miniRender() {
          var top = state.mini.stack[state.mini.stack.length - 1];
          $('miniframe').style.display = top ? 'none' : 'block';
          $('minipage').style.display = top ? 'block' : 'none';
          $('miniback').style.display = top ? 'block' : 'none';
          if (top) { $('minipage').textContent = '小程序页面 ' + top + '\n（模拟器不运行小程序原生页面，点左上角返回 web-view）'; }
        }
        function openMini() {
          var load = state.mini.app ? Promise.resolve(state.mini.app) : api('GET', 'accounts').then(function (a) { state.mini.app = a.miniProgram; return a.miniProgram; });
          load.then(function (app) {
            var u = new URL(app.startUrl || 'http://localhost:5000/', location.href);
            if (state.user) { u.searchParams.set('emulator_user', state.user); }
            $('mininame').textContent = app.name;
            state.mini.stack = [];
            $('miniframe').src = u.toString();
            $('mini').style.display = 'flex';
            miniRender();
            miniLog('打开 web-view ' + u.toString());
          });
        }
        function closeMini() { $('mini').style.display = 'none'; $('miniframe').src = 'about:blank'; state.mini.stack = []; }
        function miniCall(method, args) {
          var stack = state.mini.stack;
          if (method === 'postMessage') { miniLog('postMessage ' + JSON.stringify(args.data)); return; }
          miniLog(method + ' ' + (method === 'navigateBack' ? 'delta=' + (args.delta || 1) : (args.url || '')));
          if (method === 'navigateTo') { stack.push(args.url); }
          else if (method === 'redirectTo') { if (stack.length) { stack[stack.length - 1] = args.url; } else { stack.push(args.url); } }
          else if (method === 'switchTab' || method === 'reLaunch') { state.mini.stack = [args.url]; }
          else if (method === 'navigateBack') {
            if (!stack.length) { closeMini(); return; }
            stack.splice(Math.max(0, stack.length - (args.delta || 1)));
          }
          miniRender();
        }
        window.addEventListener('message', function (event) {
          var data = event.data || {};
          if (data.type === 'wxemu-close') { $('web').style.display = 'none'; }
          if (data.type === 'wxemu-miniprogram' && event.source === $('miniframe').contentWindow) { miniCall(data.method, data.args || {}); return; }
          if (data.type !== 'wxemu-pay') { return; }
          function answer(cancel) {
            var body = Object.assign({}, data.params, { user: state.user, cancel: cancel });
            api('POST', 'jssdk/pay', body).then(function (result) {
              event.source.postMessage({ type: 'wxemu-pay-result', id: data.id, result: result }, '*');
              poll();
            });
          }
          showSheet('确认付款 ' + data.params.package, function () { answer(false); }, function () { answer(true); });
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
        $('miniback').onclick = function () { state.mini.stack.pop(); miniRender(); };
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
