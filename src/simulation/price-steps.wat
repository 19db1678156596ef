;; The price update of a block of simulated paths in WebAssembly SIMD, two paths per f64x2
;; (`./price-steps.ts` wraps it; `./hedge-paths.ts` draws the log increments). On entry u[·]
;; holds each path's log increment u; per path, in the order of the scalar code it replaced
;; (same bits):
;;
;;   S′ = S·e^u,  ln S′ = ln S + u,  u[·] ← S′ − S (the price change, for the hedge's P&L)
;;
;; with e^u, for |u| ≤ 1/16, its Taylor polynomial of degree 9 in Horner form
;; 1 + u·(1 + u·(1/2 + u·(1/6 + … + u·(1/40320 + u/362880)))) (remainder below u¹⁰/10! ≤ 2.6e-19
;; relative), else (and for NaN) the host's exp (`Math.exp`, imported) on that lane. S and
;; e^{ln S} then part by rounding only, about √steps·2⁻⁵³ relative (3e-15 over 720 steps).
;; `pairs` pairs of paths are read and written from each byte address.
(module
  (import "kernel" "memory" (memory 1))
  (import "math" "exp" (func $exp (param f64) (result f64)))

  (func (export "applyIncrements") (param $x i32) (param $s i32) (param $u i32) (param $pairs i32)
    (local $i i32) (local $end i32) (local $v v128) (local $e v128) (local $sp v128) (local $out v128)
    (local $c2 v128) (local $c3 v128) (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128) (local $c8 v128)
    (local $one v128) (local $last v128) (local $hi v128) (local $lo v128)
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $c2 (f64x2.splat (f64.div (f64.const 1) (f64.const 2))))
    (local.set $c3 (f64x2.splat (f64.div (f64.const 1) (f64.const 6))))
    (local.set $c4 (f64x2.splat (f64.div (f64.const 1) (f64.const 24))))
    (local.set $c5 (f64x2.splat (f64.div (f64.const 1) (f64.const 120))))
    (local.set $c6 (f64x2.splat (f64.div (f64.const 1) (f64.const 720))))
    (local.set $c7 (f64x2.splat (f64.div (f64.const 1) (f64.const 5040))))
    (local.set $c8 (f64x2.splat (f64.div (f64.const 1) (f64.const 40320))))
    (local.set $last (f64x2.splat (f64.const 362880)))
    (local.set $hi (f64x2.splat (f64.const 0.0625)))
    (local.set $lo (f64x2.splat (f64.const -0.0625)))
    (block $done
      (br_if $done (i32.eqz (local.get $end)))
      (loop $next
        (local.set $v (v128.load (i32.add (local.get $u) (local.get $i))))
        ;; e = 1 + v·(1 + v·(1/2 + v·(1/6 + v·(1/24 + v·(1/120 + v·(1/720 + v·(1/5040 + v·(1/40320 + v/362880))))))))
        (local.set $e (f64x2.add (local.get $c8) (f64x2.div (local.get $v) (local.get $last))))
        (local.set $e (f64x2.add (local.get $c7) (f64x2.mul (local.get $v) (local.get $e))))
        (local.set $e (f64x2.add (local.get $c6) (f64x2.mul (local.get $v) (local.get $e))))
        (local.set $e (f64x2.add (local.get $c5) (f64x2.mul (local.get $v) (local.get $e))))
        (local.set $e (f64x2.add (local.get $c4) (f64x2.mul (local.get $v) (local.get $e))))
        (local.set $e (f64x2.add (local.get $c3) (f64x2.mul (local.get $v) (local.get $e))))
        (local.set $e (f64x2.add (local.get $c2) (f64x2.mul (local.get $v) (local.get $e))))
        (local.set $e (f64x2.add (local.get $one) (f64x2.mul (local.get $v) (local.get $e))))
        (local.set $e (f64x2.add (local.get $one) (f64x2.mul (local.get $v) (local.get $e))))
        ;; a lane outside [−1/16, 1/16] (or NaN): the host's exp
        (if (v128.any_true (v128.not (v128.and (f64x2.le (local.get $v) (local.get $hi)) (f64x2.ge (local.get $v) (local.get $lo)))))
          (then
            (if (i32.eqz (f64.le (f64.abs (f64x2.extract_lane 0 (local.get $v))) (f64.const 0.0625)))
              (then (local.set $e (f64x2.replace_lane 0 (local.get $e) (call $exp (f64x2.extract_lane 0 (local.get $v)))))))
            (if (i32.eqz (f64.le (f64.abs (f64x2.extract_lane 1 (local.get $v))) (f64.const 0.0625)))
              (then (local.set $e (f64x2.replace_lane 1 (local.get $e) (call $exp (f64x2.extract_lane 1 (local.get $v)))))))))
        (local.set $sp (v128.load (i32.add (local.get $s) (local.get $i))))
        (local.set $out (f64x2.mul (local.get $sp) (local.get $e)))
        (v128.store (i32.add (local.get $x) (local.get $i)) (f64x2.add (v128.load (i32.add (local.get $x) (local.get $i))) (local.get $v)))
        (v128.store (i32.add (local.get $s) (local.get $i)) (local.get $out))
        (v128.store (i32.add (local.get $u) (local.get $i)) (f64x2.sub (local.get $out) (local.get $sp)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $end))))))
)
