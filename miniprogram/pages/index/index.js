// The store itself: the H5 pages in a web-view. A shared card or a scanned code can open it deep (?path=/p/…).
var app = getApp();

function storePath(path) {
  // Only paths of this store: "/p/…", never "//host" or a full URL.
  return typeof path === 'string' && path.charAt(0) === '/' && path.charAt(1) !== '/' && path.charAt(1) !== '\\' ? path : '/';
}

Page({
  data: { url: '' },

  onLoad: function (query) {
    var path = storePath(query && query.path ? decodeURIComponent(query.path) : '/');
    this.setData({ url: app.globalData.storeUrl + path });
  },

  // Forwarding the mini-program shares the page the shopper is on (the web-view's current URL).
  onShareAppMessage: function (options) {
    var url = (options && options.webViewUrl) || this.data.url;
    var path = url.indexOf(app.globalData.storeUrl) === 0 ? url.slice(app.globalData.storeUrl.length) : '/';
    return { title: 'WxMall 电脑商城', path: '/pages/index/index?path=' + encodeURIComponent(storePath(path)) };
  }
});
