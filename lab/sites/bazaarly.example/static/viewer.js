// LAB-WRITTEN glue of Bazaarly's 3D product viewer: three.js (a real npm
// library) renders a turning product model with WebGL on a canvas in the
// page. This is a control: a WebGL renderer reads many GPU parameters and
// extensions, and must not be reported as fingerprinting.
import * as THREE from 'https://cdn.jsdelivr.net/npm/three@0.187.0/build/three.module.js';

const canvas = document.getElementById('viewer-3d');
if (canvas) {
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: true });
  renderer.setSize(canvas.width, canvas.height, false);
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0xf3f0ea);
  const camera = new THREE.PerspectiveCamera(40, canvas.width / canvas.height, 0.1, 100);
  camera.position.set(0, 1.2, 4);
  camera.lookAt(0, 0, 0);
  const mug = new THREE.Mesh(
    new THREE.CylinderGeometry(0.8, 0.7, 1.4, 48),
    new THREE.MeshStandardMaterial({ color: 0x9c6b4e, roughness: 0.5 }));
  scene.add(mug);
  scene.add(new THREE.AmbientLight(0xffffff, 0.6));
  const sun = new THREE.DirectionalLight(0xffffff, 1.2);
  sun.position.set(3, 4, 2);
  scene.add(sun);
  // The model turns for a few seconds, as a viewer's intro does.
  let frames = 0;
  const turn = () => {
    mug.rotation.y += 0.03;
    renderer.render(scene, camera);
    if (++frames < 90) requestAnimationFrame(turn);
  };
  turn();
}
