import { runProcess } from './functions/core/media/run-process';
import { spawnSync } from 'node:child_process';
const args = ['-hide_banner','-nostats','-v','info','-skip_loop_filter','all','-ss','0','-t','60','-i','file:/tmp/mw/min1080.mp4','-map','0:v:0','-an','-sn','-dn','-vf',"scale=w='min(640,iw)':h=-2,blackdetect=d=0.1:pix_th=0.10:pic_th=0.98,freezedetect=n=-60dB:d=0.5",'-f','null','-'];
let s = performance.now(); await runProcess('ffmpeg', args, { timeoutMs: 100000 }); console.log('runProcess', performance.now() - s);
s = performance.now(); spawnSync('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] }); console.log('spawnSync', performance.now() - s);
s = performance.now(); spawnSync('ffmpeg', args, { stdio: ['ignore', 'ignore', 'ignore'] }); console.log('spawnSync ignore', performance.now() - s);
