  // WebRTC: peer connections made, data channels and offers created, and
  // what reveals local addresses: ICE candidates listened to or read, and
  // the local description read back.
  (function () {
    var fp = fpkit;
    fp.constructor(g, 'RTCPeerConnection', 'RTCPeerConnection', function (args) {
      var c = args[0];
      var servers = c && typeof c === 'object' && c.iceServers;
      return 'ice_servers=' + (servers && typeof servers.length === 'number' ? servers.length : 0);
    }, ['webkitRTCPeerConnection']);
    var Peer = fp.original(g.RTCPeerConnection);
    var proto = Peer && Peer.prototype;
    ['createDataChannel', 'createOffer', 'setLocalDescription', 'setRemoteDescription']
      .forEach(function (m) {
        fp.method(proto, m, 'RTCPeerConnection.' + m, function () {
          fp.note('RTCPeerConnection.' + m);
        });
      });
    fp.accessor(proto, 'onicecandidate', 'RTCPeerConnection.onicecandidate', null,
      function (pc, v) {
        if (typeof v === 'function') {
          fp.note('RTCPeerConnection.onicecandidate');
        }
      });
    fp.getters(proto, 'RTCPeerConnection', ['localDescription']);
    var cand = g.RTCIceCandidate && g.RTCIceCandidate.prototype;
    fp.getters(cand, 'RTCIceCandidate', ['candidate', 'address']);
  })();
