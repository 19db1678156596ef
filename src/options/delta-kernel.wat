;; The hedging delta kernel's loop in WebAssembly SIMD, two prices per f64x2 lane pair
;; (`./delta-kernel.ts` has the formulas and sources; `./delta-wasm.ts` instantiates it).
;;
;; Per element, with the option's constants hoisted by the caller (slope = ω/s, offset =
;; ω·(s/2 − shift/s), wScale = ω·q·A, gScale = q·A/s):
;;
;;   ω·d1 = ln S·slope + offset, clamped to [−L, L]; t = ω·d1 + L
;;   j = min(⌊t·U⌋, LAST), h = t − (j + ½)/U   (U intervals per unit, `../dists/normal-taylor.ts`)
;;   Δ += wScale·(a_0 + h·(a_1 + … + h·a_6))          N(ω·d1), Horner
;;   Γ += (gScale·(b_1 + h·(b_2 + … + h·b_6)))/S       n(d1) = the same polynomial's derivative
;;
;; the same operations in the same order as the scalar loop it replaced (WebAssembly has no fused
;; multiply-add), so the results are bit-identical to it. The coefficients a_k, b_k of lane i's
;; interval are fetched by two 64-bit lane loads (a gather). `pmin`/`pmax` clamp as the scalar
;; `wd < −L ? −L : wd > L ? L : wd` does, and the saturating truncation maps NaN to 0 like `| 0`.
;;
;; Memory: the N table (a_0 … a_6 per interval, `taylor.stride` doubles) at byte 0, the n table at
;; byte `taylor.pdf`, both written by the loader; the callers' arrays anywhere else. `pairs` pairs
;; of elements are read and written from each array pointer (2·pairs elements).
(module
  (import "taylor" "range" (global $L f64))
  (import "taylor" "perUnit" (global $U f64))
  (import "taylor" "last" (global $LAST i32))
  (import "taylor" "stride" (global $STRIDE i32))
  (import "taylor" "pdf" (global $PDF i32))
  (memory (export "memory") 2)

  ;; Adds wScale·N(ω·d1) to d[·] and, when withGamma ≠ 0, gScale·n(d1)/S to g[·], at the
  ;; log-prices x[·] (and prices s[·]); x, s, d, g are byte addresses of f64 arrays.
  (func (export "addDeltaGamma")
    (param $x i32) (param $s i32) (param $d i32) (param $g i32) (param $pairs i32)
    (param $slope f64) (param $offset f64) (param $wScale f64) (param $gScale f64) (param $withGamma i32)
    (local $i i32) (local $end i32)
    (local $vslope v128) (local $voffset v128) (local $vlo v128) (local $vL v128) (local $vU v128)
    (local $vW v128) (local $vhalf v128) (local $vlast v128) (local $vstride v128) (local $vw v128) (local $vg v128)
    (local $t v128) (local $j v128) (local $h v128) (local $o v128) (local $v v128)
    (local $o0 i32) (local $o1 i32) (local $p0 i32) (local $p1 i32)
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (local.set $vslope (f64x2.splat (local.get $slope)))
    (local.set $voffset (f64x2.splat (local.get $offset)))
    (local.set $vL (f64x2.splat (global.get $L)))
    (local.set $vlo (f64x2.splat (f64.neg (global.get $L))))
    (local.set $vU (f64x2.splat (global.get $U)))
    (local.set $vW (f64x2.splat (f64.div (f64.const 1) (global.get $U))))
    (local.set $vhalf (f64x2.splat (f64.const 0.5)))
    (local.set $vlast (i32x4.splat (global.get $LAST)))
    (local.set $vstride (i32x4.splat (i32.shl (global.get $STRIDE) (i32.const 3))))
    (local.set $vw (f64x2.splat (local.get $wScale)))
    (local.set $vg (f64x2.splat (local.get $gScale)))
    (block $done
      (br_if $done (i32.eqz (local.get $end)))
      (loop $next
        ;; t = clamp(ln S·slope + offset) + L
        (local.set $t (f64x2.add
          (f64x2.pmin
            (f64x2.pmax
              (f64x2.add (f64x2.mul (v128.load (i32.add (local.get $x) (local.get $i))) (local.get $vslope)) (local.get $voffset))
              (local.get $vlo))
            (local.get $vL))
          (local.get $vL)))
        (local.set $j (i32x4.min_s (i32x4.trunc_sat_f64x2_s_zero (f64x2.mul (local.get $t) (local.get $vU))) (local.get $vlast)))
        (local.set $h (f64x2.sub (local.get $t)
          (f64x2.mul (f64x2.add (f64x2.convert_low_i32x4_s (local.get $j)) (local.get $vhalf)) (local.get $vW))))
        ;; byte offsets of the two lanes' intervals
        (local.set $o (i32x4.mul (local.get $j) (local.get $vstride)))
        (local.set $o0 (i32x4.extract_lane 0 (local.get $o)))
        (local.set $o1 (i32x4.extract_lane 1 (local.get $o)))
        ;; N: a_6, then v = a_k + h·v for k = 5 … 0
        (local.set $v (v128.load64_lane offset=48 1 (local.get $o1) (v128.load64_zero offset=48 (local.get $o0))))
        (local.set $v (f64x2.add (v128.load64_lane offset=40 1 (local.get $o1) (v128.load64_zero offset=40 (local.get $o0))) (f64x2.mul (local.get $h) (local.get $v))))
        (local.set $v (f64x2.add (v128.load64_lane offset=32 1 (local.get $o1) (v128.load64_zero offset=32 (local.get $o0))) (f64x2.mul (local.get $h) (local.get $v))))
        (local.set $v (f64x2.add (v128.load64_lane offset=24 1 (local.get $o1) (v128.load64_zero offset=24 (local.get $o0))) (f64x2.mul (local.get $h) (local.get $v))))
        (local.set $v (f64x2.add (v128.load64_lane offset=16 1 (local.get $o1) (v128.load64_zero offset=16 (local.get $o0))) (f64x2.mul (local.get $h) (local.get $v))))
        (local.set $v (f64x2.add (v128.load64_lane offset=8 1 (local.get $o1) (v128.load64_zero offset=8 (local.get $o0))) (f64x2.mul (local.get $h) (local.get $v))))
        (local.set $v (f64x2.add (v128.load64_lane 1 (local.get $o1) (v128.load64_zero (local.get $o0))) (f64x2.mul (local.get $h) (local.get $v))))
        (v128.store (i32.add (local.get $d) (local.get $i))
          (f64x2.add (v128.load (i32.add (local.get $d) (local.get $i))) (f64x2.mul (local.get $vw) (local.get $v))))
        (if (local.get $withGamma)
          (then
            ;; n: b_6, then v = b_k + h·v for k = 5 … 1
            (local.set $p0 (i32.add (local.get $o0) (global.get $PDF)))
            (local.set $p1 (i32.add (local.get $o1) (global.get $PDF)))
            (local.set $v (v128.load64_lane offset=48 1 (local.get $p1) (v128.load64_zero offset=48 (local.get $p0))))
            (local.set $v (f64x2.add (v128.load64_lane offset=40 1 (local.get $p1) (v128.load64_zero offset=40 (local.get $p0))) (f64x2.mul (local.get $h) (local.get $v))))
            (local.set $v (f64x2.add (v128.load64_lane offset=32 1 (local.get $p1) (v128.load64_zero offset=32 (local.get $p0))) (f64x2.mul (local.get $h) (local.get $v))))
            (local.set $v (f64x2.add (v128.load64_lane offset=24 1 (local.get $p1) (v128.load64_zero offset=24 (local.get $p0))) (f64x2.mul (local.get $h) (local.get $v))))
            (local.set $v (f64x2.add (v128.load64_lane offset=16 1 (local.get $p1) (v128.load64_zero offset=16 (local.get $p0))) (f64x2.mul (local.get $h) (local.get $v))))
            (local.set $v (f64x2.add (v128.load64_lane offset=8 1 (local.get $p1) (v128.load64_zero offset=8 (local.get $p0))) (f64x2.mul (local.get $h) (local.get $v))))
            (v128.store (i32.add (local.get $g) (local.get $i))
              (f64x2.add (v128.load (i32.add (local.get $g) (local.get $i)))
                (f64x2.div (f64x2.mul (local.get $vg) (local.get $v)) (v128.load (i32.add (local.get $s) (local.get $i))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $end))))))
)
