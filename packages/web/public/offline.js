// The offline page in the visitor's language: the one chosen in the app (localStorage
// 'vssid.lang'), else the browser's, else Vietnamese. [title, text, home link, retry button]
(function () {
  var texts = {
    vi: [
      'Không có kết nối mạng',
      'Trang này cần kết nối Internet. Thẻ BHYT và các thông tin bạn đã xem vẫn mở được trong ứng dụng.',
      'Về trang chủ',
      'Thử lại',
    ],
    en: [
      'You are offline',
      'This page needs an Internet connection. Your health insurance card and what you have already seen still open in the app.',
      'Back to the home page',
      'Try again',
    ],
    zh: [
      '没有网络连接',
      '此页面需要连接互联网。您的医疗保险卡和已查看过的信息仍可在应用中打开。',
      '返回首页',
      '重试',
    ],
    ja: [
      'ネットワークに接続されていません',
      'このページにはインターネット接続が必要です。健康保険証とすでに表示した情報はアプリで引き続き開けます。',
      'ホームに戻る',
      '再試行',
    ],
    ko: [
      '네트워크에 연결되어 있지 않습니다',
      '이 페이지는 인터넷 연결이 필요합니다. 건강보험증과 이미 본 정보는 앱에서 계속 열 수 있습니다.',
      '홈으로 돌아가기',
      '다시 시도',
    ],
  };
  var lang;
  try {
    lang = localStorage.getItem('vssid.lang');
  } catch {
    lang = null;
  }
  if (!Object.prototype.hasOwnProperty.call(texts, lang)) {
    lang = 'vi';
    var prefs = navigator.languages || [navigator.language || 'vi'];
    for (var i = 0; i < prefs.length; i++) {
      var primary = String(prefs[i]).toLowerCase().split('-')[0];
      if (Object.prototype.hasOwnProperty.call(texts, primary)) {
        lang = primary;
        break;
      }
    }
  }
  var t = texts[lang];
  document.documentElement.lang = lang;
  document.title = 'VssID – ' + t[0];
  document.getElementById('title').textContent = t[0];
  document.getElementById('text').textContent = t[1];
  document.getElementById('home').textContent = t[2];
  var retry = document.getElementById('retry');
  retry.textContent = t[3];
  retry.addEventListener('click', function () {
    window.location.reload();
  });
})();
