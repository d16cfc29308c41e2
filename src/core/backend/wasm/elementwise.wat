;; GAN Studio's element-wise kernels for the wasm backend, compiled by scripts/build-wasm-kernels.mjs
;; (wabt, from npm) into media/generated/wasm. They run on TF.js's own wasm memory, imported; the
;; build makes one module importing a plain memory (TF.js's single-threaded build) and one importing
;; a shared memory (its threaded build): the build puts the matching declaration into the import.
;; Each loop runs four lanes at a time with SIMD, then the last n mod 4 elements one by one; all
;; arithmetic is float32, as in the TF.js kernels these replace.
(module
  (import "env" "memory" MEMORY)

  ;; out[i] = x[i] > 0 ? dy[i] : alpha * dy[i]: the gradient of ReLU (alpha 0) and leaky ReLU.
  (func (export "rectifierGrad")
    (param $dy i32) (param $x i32) (param $out i32) (param $n i32) (param $alpha f32)
    (local $i i32) (local $at i32) (local $lanes i32) (local $g v128) (local $slope v128)
    (local.set $slope (f32x4.splat (local.get $alpha)))
    (local.set $lanes (i32.and (local.get $n) (i32.const -4)))
    (block $simdDone
      (loop $simd
        (br_if $simdDone (i32.ge_u (local.get $i) (local.get $lanes)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $g (v128.load (i32.add (local.get $dy) (local.get $at))))
        (v128.store (i32.add (local.get $out) (local.get $at))
          (v128.bitselect
            (local.get $g)
            (f32x4.mul (local.get $g) (local.get $slope))
            (f32x4.gt (v128.load (i32.add (local.get $x) (local.get $at))) (v128.const f32x4 0 0 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $simd)))
    (block $done
      (loop $scalar
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (f32.store (i32.add (local.get $out) (local.get $at))
          (select
            (f32.load (i32.add (local.get $dy) (local.get $at)))
            (f32.mul (f32.load (i32.add (local.get $dy) (local.get $at))) (local.get $alpha))
            (f32.gt (f32.load (i32.add (local.get $x) (local.get $at))) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scalar))))

  ;; One Adam step for n parameters: the moments m and v in place, the new weights into out.
  ;; m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g²;
  ;; out = w - stepSize m / (sqrt(v · inverseCorrection2) + epsilon), where stepSize is the
  ;; learning rate over 1 - beta1^t and inverseCorrection2 is 1 / (1 - beta2^t).
  (func (export "adam")
    (param $w i32) (param $grad i32) (param $m i32) (param $v i32) (param $out i32) (param $n i32)
    (param $beta1 f32) (param $beta2 f32) (param $stepSize f32) (param $inverseCorrection2 f32) (param $epsilon f32)
    (local $i i32) (local $at i32) (local $lanes i32)
    (local $g v128) (local $mv v128) (local $vv v128)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128) (local $step v128) (local $ic2 v128) (local $eps v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $c1 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta1))))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $c2 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta2))))
    (local.set $step (f32x4.splat (local.get $stepSize)))
    (local.set $ic2 (f32x4.splat (local.get $inverseCorrection2)))
    (local.set $eps (f32x4.splat (local.get $epsilon)))
    (local.set $lanes (i32.and (local.get $n) (i32.const -4)))
    (block $simdDone
      (loop $simd
        (br_if $simdDone (i32.ge_u (local.get $i) (local.get $lanes)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $g (v128.load (i32.add (local.get $grad) (local.get $at))))
        (local.set $mv (f32x4.add
          (f32x4.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at))))
          (f32x4.mul (local.get $c1) (local.get $g))))
        (local.set $vv (f32x4.add
          (f32x4.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at))))
          (f32x4.mul (local.get $c2) (f32x4.mul (local.get $g) (local.get $g)))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $vv))
        (v128.store (i32.add (local.get $out) (local.get $at))
          (f32x4.sub
            (v128.load (i32.add (local.get $w) (local.get $at)))
            (f32x4.div
              (f32x4.mul (local.get $step) (local.get $mv))
              (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $vv) (local.get $ic2))) (local.get $eps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $simd)))
    (block $done
      (loop $scalar
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gs (f32.load (i32.add (local.get $grad) (local.get $at))))
        (local.set $ms (f32.add
          (f32.mul (local.get $beta1) (f32.load (i32.add (local.get $m) (local.get $at))))
          (f32.mul (f32.sub (f32.const 1) (local.get $beta1)) (local.get $gs))))
        (local.set $vs (f32.add
          (f32.mul (local.get $beta2) (f32.load (i32.add (local.get $v) (local.get $at))))
          (f32.mul (f32.sub (f32.const 1) (local.get $beta2)) (f32.mul (local.get $gs) (local.get $gs)))))
        (f32.store (i32.add (local.get $m) (local.get $at)) (local.get $ms))
        (f32.store (i32.add (local.get $v) (local.get $at)) (local.get $vs))
        (f32.store (i32.add (local.get $out) (local.get $at))
          (f32.sub
            (f32.load (i32.add (local.get $w) (local.get $at)))
            (f32.div
              (f32.mul (local.get $stepSize) (local.get $ms))
              (f32.add (f32.sqrt (f32.mul (local.get $vs) (local.get $inverseCorrection2))) (local.get $epsilon)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scalar))))
  ;; dst = srcᵀ for one row-major rows × cols float32 matrix. Rows go in blocks of 64, so the source
  ;; lines a column pass reads (64 × 64 bytes) stay in L1 for the next columns; each column of a
  ;; block is then one sequential run of the destination.
  (func (export "transpose")
    (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $block i32) (local $blockEnd i32) (local $c i32) (local $r i32) (local $from i32) (local $to i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $block) (local.get $rows)))
        (local.set $blockEnd (select
          (local.get $rows)
          (i32.add (local.get $block) (i32.const 64))
          (i32.lt_u (local.get $rows) (i32.add (local.get $block) (i32.const 64)))))
        (local.set $c (i32.const 0))
        (block $columnsDone
          (loop $columns
            (br_if $columnsDone (i32.ge_u (local.get $c) (local.get $cols)))
            (local.set $from (i32.add (local.get $src)
              (i32.shl (i32.add (i32.mul (local.get $block) (local.get $cols)) (local.get $c)) (i32.const 2))))
            (local.set $to (i32.add (local.get $dst)
              (i32.shl (i32.add (i32.mul (local.get $c) (local.get $rows)) (local.get $block)) (i32.const 2))))
            (local.set $r (local.get $block))
            (block $rowsDone
              (loop $rowsLoop
                (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $blockEnd)))
                (f32.store (local.get $to) (f32.load (local.get $from)))
                (local.set $from (i32.add (local.get $from) (local.get $stride)))
                (local.set $to (i32.add (local.get $to) (i32.const 4)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $rowsLoop)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $columns)))
        (local.set $block (i32.add (local.get $block) (i32.const 64)))
        (br $blocks))))
)
