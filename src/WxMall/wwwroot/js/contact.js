// Customer-service page inside WeChat: "back to the chat" closes the page, which returns to the official account's
// conversation it was opened from (wx.closeWindow).
(function () {
  'use strict';
  var button = document.getElementById('back-to-chat');
  if (!button) { return; }
  var hint = document.getElementById('back-to-chat-hint');
  button.addEventListener('click', function () {
    if (window.wx && window.wx.closeWindow) {
      window.wx.closeWindow();
      hint.textContent = '如页面未关闭，请点左上角关闭按钮回到公众号对话框。';
    } else {
      hint.textContent = '请点左上角关闭按钮，回到公众号对话框发送您的问题。';
    }
  });
})();
