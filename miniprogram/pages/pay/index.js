// Payment for an order placed in the web-view: a web-view cannot call wx.requestPayment, so the store's pay page
// opens this page with wx.miniProgram.navigateTo('/pages/pay/index?order=…'). It asks the store for a mini-program
// JSAPI payment (the amount is the order's, never the page's), pays, and goes back; the web-view page polls the order
// and moves on to its result page by itself.
var app = getApp();

Page({
  data: { state: 'starting', message: '正在发起微信支付…' },

  onLoad: function (query) {
    var page = this;
    var order = query && query.order ? String(query.order) : '';
    if (!/^[A-Za-z0-9]{1,32}$/.test(order)) { page.fail('订单号无效，请返回商城重试'); return; }

    app.session(function (error, token) {
      if (error) { page.fail(error); return; }
      wx.request({
        url: app.globalData.storeUrl + '/api/orders/' + order + '/payments',
        method: 'POST',
        header: { Authorization: 'Bearer ' + token },
        data: { mode: 'jsapi', app: 'mini-program' },
        success: function (r) {
          var jsapi = r.data && r.data.jsapi;
          if (r.statusCode < 200 || r.statusCode >= 300 || !jsapi) {
            page.fail((r.data && r.data.detail) || '无法发起支付，请稍后重试');
            return;
          }
          page.pay(jsapi);
        },
        fail: function () { page.fail('网络异常，请稍后重试'); }
      });
    });
  },

  pay: function (p) {
    var page = this;
    page.setData({ state: 'paying', message: '请在微信支付中确认付款' });
    wx.requestPayment({
      timeStamp: p.timeStamp,
      nonceStr: p.nonceStr,
      package: p.package,
      signType: p.signType,
      paySign: p.paySign,
      success: function () {
        page.setData({ state: 'paid', message: '支付成功' });
        wx.navigateBack();
      },
      fail: function (res) {
        if (/cancel/.test((res && res.errMsg) || '')) {
          page.setData({ state: 'cancelled', message: '已取消支付' });
          wx.navigateBack();
          return;
        }
        page.fail('支付未完成（' + ((res && res.errMsg) || '未知错误') + '），可返回商城重试');
      }
    });
  },

  fail: function (message) {
    this.setData({ state: 'failed', message: message });
    wx.showModal({ title: '支付未完成', content: message, showCancel: false, complete: function () { wx.navigateBack(); } });
  }
});
