// WxMall mini-program: a thin native shell around the H5 store, which runs in a web-view. Native code does only what a
// web-view cannot: wx.login (the store's mini-program session, linked to the same member through the UnionID) and
// wx.requestPayment. The store's address comes from ext.json (wx.getExtConfigSync), so one package serves any deployment.
var ext = wx.getExtConfigSync ? wx.getExtConfigSync() : {};

App({
  globalData: {
    storeUrl: String(ext.storeUrl || 'https://shop.example.com').replace(/\/+$/, ''),
    token: null
  },

  onLaunch: function () {
    this.waiting = [];
    this.loginError = null;
    this.login();
  },

  // wx.login → the store's /api/wechat/miniprogram/login → a bearer token kept for this launch.
  login: function () {
    var app = this;
    wx.login({
      success: function (res) {
        wx.request({
          url: app.globalData.storeUrl + '/api/wechat/miniprogram/login',
          method: 'POST',
          data: { code: res.code },
          success: function (r) {
            if (r.statusCode === 200 && r.data && r.data.accessToken) {
              app.globalData.token = r.data.accessToken;
              app.settle(null);
            } else {
              app.settle((r.data && r.data.detail) || '登录商城失败，请稍后重试');
            }
          },
          fail: function () { app.settle('网络异常，登录商城失败'); }
        });
      },
      fail: function () { app.settle('微信登录失败，请稍后重试'); }
    });
  },

  settle: function (error) {
    this.loginError = error;
    var waiting = this.waiting;
    this.waiting = [];
    for (var i = 0; i < waiting.length; i++) { waiting[i](error, this.globalData.token); }
  },

  // Calls back with (error, token) once the login has finished; at once when it already has.
  session: function (callback) {
    if (this.globalData.token || this.loginError) { callback(this.loginError, this.globalData.token); return; }
    this.waiting.push(callback);
  }
});
