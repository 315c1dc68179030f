// The service worker Lab Ads asks its shops to host for push offers.
importScripts('https://connect.lab-ads.example/push-sw.js');
