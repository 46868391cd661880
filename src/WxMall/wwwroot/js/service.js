// Agent workspace: keeps the queue, "my conversations" and the open conversation live over Server-Sent Events,
// and sends replies without leaving the page. Without JavaScript the page still works through its forms.
(function () {
  'use strict';
  var root = document.getElementById('workspace');
  if (!root || !window.EventSource) { return; }
  var selectedId = root.getAttribute('data-conversation');
  var live = document.getElementById('live-state');
  var turns = document.getElementById('turns');
  var statusNames = { Bot: '机器人接待中', Waiting: '排队中', WithAgent: '人工接待中', Closed: '已结案' };
  var authorNames = { Shopper: '顾客', Bot: '机器人', Store: '自动回复' };
  var time = function (iso, withDate) {
    var options = { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' };
    if (withDate) { options.month = '2-digit'; options.day = '2-digit'; }
    return new Intl.DateTimeFormat('zh-CN', options).format(new Date(iso)).replace(/\//g, '-');
  };
  var el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  };

  var renderList = function (name, conversations) {
    var list = document.getElementById(name);
    list.textContent = '';
    conversations.forEach(function (c) {
      var item = el('li');
      item.setAttribute('data-conversation', c.id);
      var link = el('a');
      link.href = '/admin/service?id=' + c.id;
      if (String(c.id) === selectedId) { link.setAttribute('aria-current', 'true'); }
      link.appendChild(el('strong', null, '#' + c.id + ' 顾客 ' + c.shopper));
      link.appendChild(el('span', 'muted', time(c.lastShopperMessageAt) + ' · ' + statusNames[c.status] + (c.agent ? ' · ' + c.agent : '')));
      link.appendChild(el('span', 'last-text', c.lastText || ''));
      item.appendChild(link);
      list.appendChild(item);
    });
    document.getElementById(name + '-count').textContent = conversations.length;
    document.getElementById(name + '-empty').hidden = conversations.length > 0;
  };

  var addTurn = function (t) {
    if (!turns || turns.querySelector('[data-turn="' + t.id + '"]')) { return; }
    var item = el('li', 'turn ' + t.author.toLowerCase());
    item.setAttribute('data-turn', t.id);
    var author = t.author === 'Agent' ? '客服 ' + (t.agentName || '') : authorNames[t.author] || t.author;
    item.appendChild(el('span', 'turn-meta', author + ' · ' + time(t.at, true) + (t.intent ? ' · 意图 ' + t.intent : '')));
    item.appendChild(el('span', 'turn-text', t.text));
    if (t.deliveryError) { item.appendChild(el('span', 'error', '未送达：' + t.deliveryError)); }
    turns.appendChild(item);
    item.scrollIntoView({ block: 'nearest' });
  };

  var lastTurn = function () {
    var all = turns ? turns.querySelectorAll('[data-turn]') : [];
    return all.length ? all[all.length - 1].getAttribute('data-turn') : '0';
  };

  // One stream at a time; after an error (or the server's periodic end) reconnect from the last turn shown.
  var source = null;
  var connect = function () {
    var url = '/api/admin/customer-service/events' + (selectedId ? '?conversation=' + selectedId + '&after=' + lastTurn() : '');
    source = new EventSource(url);
    source.addEventListener('open', function () { live.textContent = '实时更新已连接'; root.setAttribute('data-live', 'connected'); });
    source.addEventListener('lists', function (e) {
      var lists = JSON.parse(e.data);
      renderList('queue', lists.queue);
      renderList('mine', lists.mine);
      // Once the open conversation is mine (a reply takes it), there is nothing to claim.
      var claim = document.getElementById('claim-form');
      if (claim && lists.mine.some(function (c) { return String(c.id) === selectedId; })) { claim.hidden = true; }
    });
    source.addEventListener('turns', function (e) { JSON.parse(e.data).forEach(addTurn); });
    source.addEventListener('conversation', function (e) {
      var state = JSON.parse(e.data);
      document.getElementById('conversation-status').textContent = statusNames[state.status];
      document.getElementById('conversation-agent').textContent = state.agent || '无';
      var closedNote = document.getElementById('window-closed');
      if (closedNote) { closedNote.hidden = state.canReply || state.status === 'Closed'; }
      if (state.status === 'Closed') {
        // Closed elsewhere (a colleague, another tab): nothing more can be sent or closed here.
        ['reply-form', 'close-form', 'claim-form'].forEach(function (id) { var f = document.getElementById(id); if (f) { f.hidden = true; } });
      }
    });
    source.addEventListener('error', function () {
      root.setAttribute('data-live', 'reconnecting');
      live.textContent = '实时更新已断开，正在重新连接…';
      source.close();
      window.setTimeout(connect, 3000);
    });
  };
  connect();

  // Replies go to the JSON API; the answer (or the problem's Chinese message) shows without a reload.
  var form = document.getElementById('reply-form');
  if (form) {
    var error = document.getElementById('reply-error');
    var text = form.querySelector('textarea');
    var send = document.getElementById('reply-send');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      error.textContent = '';
      send.disabled = true;
      fetch(form.getAttribute('data-api'), {
        method: 'POST', credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ text: text.value })
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok) { text.value = ''; addTurn(body); return; }
          var fieldError = body.errors && body.errors.text && body.errors.text[0];
          error.textContent = fieldError || body.detail || ('发送失败（HTTP ' + response.status + '），请稍后重试');
        });
      }).catch(function () {
        error.textContent = '网络错误，回复未发送，请重试';
      }).then(function () { send.disabled = false; });
    });
  }
})();
