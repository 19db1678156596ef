;; The hedging simulator's per-step bookkeeping in WebAssembly SIMD, two paths per f64x2
;; (`./hedge-trades.ts` wraps it; `./hedge-kernel.ts` has the rules). It works in place on the
;; chunk's arrays, which live in the delta kernel's memory (`../options/delta-wasm.ts`) so that the
;; deltas it reads are where that kernel wrote them. Per path, in the order of the scalar loop
;; it replaced (same bits):
;;
;;   credit:    pnl += N·ΔS
;;   toTarget:  pnl += N·ΔS; N* = −Δ; size = |N − N*|;
;;              when size > band and size > 0: cost += (λ·size)·S, turnover += size, trades += 1, N = N*
;;
;; (interval hedging passes band = −1). A trade is a lane mask and a bitselect, not a branch.
;; `pairs` pairs of paths are read and written from each byte address.
(module
  (import "kernel" "memory" (memory 1))

  (func (export "credit") (param $hedge i32) (param $pnl i32) (param $ds i32) (param $pairs i32)
    (local $i i32) (local $end i32)
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (br_if $done (i32.eqz (local.get $end)))
      (loop $next
        (v128.store (i32.add (local.get $pnl) (local.get $i))
          (f64x2.add (v128.load (i32.add (local.get $pnl) (local.get $i)))
            (f64x2.mul (v128.load (i32.add (local.get $hedge) (local.get $i))) (v128.load (i32.add (local.get $ds) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $end))))))

  (func (export "toTarget")
    (param $hedge i32) (param $pnl i32) (param $cost i32) (param $turnover i32) (param $trades i32)
    (param $ds i32) (param $s i32) (param $delta i32) (param $pairs i32) (param $band f64) (param $lambda f64)
    (local $i i32) (local $end i32) (local $vband v128) (local $vlambda v128) (local $zero v128) (local $one v128)
    (local $held v128) (local $target v128) (local $size v128) (local $m v128) (local $a i32)
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (local.set $vband (f64x2.splat (local.get $band)))
    (local.set $vlambda (f64x2.splat (local.get $lambda)))
    (local.set $zero (f64x2.splat (f64.const 0)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (block $done
      (br_if $done (i32.eqz (local.get $end)))
      (loop $next
        (local.set $held (v128.load (i32.add (local.get $hedge) (local.get $i))))
        (local.set $a (i32.add (local.get $pnl) (local.get $i)))
        (v128.store (local.get $a)
          (f64x2.add (v128.load (local.get $a)) (f64x2.mul (local.get $held) (v128.load (i32.add (local.get $ds) (local.get $i))))))
        (local.set $target (f64x2.neg (v128.load (i32.add (local.get $delta) (local.get $i)))))
        (local.set $size (f64x2.abs (f64x2.sub (local.get $held) (local.get $target))))
        (local.set $m (v128.and (f64x2.gt (local.get $size) (local.get $vband)) (f64x2.gt (local.get $size) (local.get $zero))))
        (local.set $a (i32.add (local.get $cost) (local.get $i)))
        (v128.store (local.get $a)
          (v128.bitselect
            (f64x2.add (v128.load (local.get $a)) (f64x2.mul (f64x2.mul (local.get $vlambda) (local.get $size)) (v128.load (i32.add (local.get $s) (local.get $i)))))
            (v128.load (local.get $a))
            (local.get $m)))
        (local.set $a (i32.add (local.get $turnover) (local.get $i)))
        (v128.store (local.get $a)
          (v128.bitselect (f64x2.add (v128.load (local.get $a)) (local.get $size)) (v128.load (local.get $a)) (local.get $m)))
        (local.set $a (i32.add (local.get $trades) (local.get $i)))
        (v128.store (local.get $a)
          (v128.bitselect (f64x2.add (v128.load (local.get $a)) (local.get $one)) (v128.load (local.get $a)) (local.get $m)))
        (v128.store (i32.add (local.get $hedge) (local.get $i)) (v128.bitselect (local.get $target) (local.get $held) (local.get $m)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $end))))))
)
