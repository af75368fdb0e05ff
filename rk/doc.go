// Package rk solves ordinary differential equations y' = f(t, y) with
// explicit Runge–Kutta methods: fixed or adaptive steps, output at chosen
// times, at every step or as a dense interpolant, events, and integration
// backwards in time. After a Solver is made for a field, solving allocates
// nothing once a Solution's storage has its size, which Solver.Reserve
// gives it before the first solve.
//
// # Methods as data
//
// A method is a Tableau value (Hairer, Nørsett, Wanner, Solving Ordinary
// Differential Equations I, 2nd ed., 1993, Sec. II.1): a step of size h
// from (t, y) computes the stages
//
//	k_i = f(t + c_i h, y + h Σ_{j<i} a_ij k_j)
//
// and the new state y + h Σ b_i k_i. Embedded weights give an error
// estimate e = h Σ (b_i − b̂_i) k_i from a solution of lower order. The
// package provides Euler, Midpoint, Heun, Ralston, RK4 (the classical
// method, b = 1/6, 1/3, 1/3, 1/6), Bosh3 (Bogacki–Shampine 3(2)), Dopri5
// (Dormand–Prince 5(4)), Tsit5 (Tsitouras 5(4)) and Dop853 (Dormand–Prince
// 8(5,3)); each cites its source. One stepping loop drives them all. Where
// the last stage is evaluated at the new state (FSAL: Bosh3, Dopri5,
// Tsit5) it becomes the next step's first stage. Every method's order
// conditions (Butcher's, over all rooted trees up to its order) are checked
// by the tests.
//
// # Step-size control
//
// An adaptive step is accepted when the scaled error
//
//	err = sqrt(1/n Σ_i (e_i / (atol_i + rtol_i·max(|y0_i|, |y1_i|)))²)
//
// is at most 1 (HNW I, eq. (II.4.11)); Options.Norm replaces this norm, for
// instance by a seminorm. The next step comes from a PID controller
// (Söderlind, ACM TOMS 29, 2003), whose default for every method but
// Dop853 is the stabilised PI controller of Hairer's DOPRI5 (β = 0.04,
// safety 0.9, h_new/h in [0.2, 10]) and for Dop853 that of DOP853 (an
// integral controller, safety 0.9, h_new/h in [0.333, 6]: dop853.f's
// defaults WORK(2…5)); the first step comes from the heuristic of HNW I,
// Sec. II.4, with the RMS norm. With these, on the Arenstorf orbit, the
// Lorenz system and the Pleiades problem at tolerances 1e-6, 1e-8 and
// 1e-10, Dopri5 and Dop853 spend within 1.7% of the function evaluations
// of Hairer's DOPRI5 and DOP853 (as built into SciPy 1.10.1), and take the
// same number of accepted steps in 17 of the 18 cases (one step fewer in
// the other). Steps land exactly on Options.StepTo times
// and on Options.Jumps, where the field may be discontinuous: the stages
// of a step ending at a jump see the field from before it, and the
// derivative is evaluated anew after it.
//
// # Output
//
// The Solution holds the final state; Options.SaveAt gives states at
// chosen times, Options.SaveSteps every accepted step (Solver.Step replays
// any of them bit for bit, as backpropagation through the solver will need),
// and Options.Dense the interpolant over the whole solve (Dense). Dopri5
// (Shampine 1986), Tsit5 (Tsitouras 2011) and Dop853 (Hairer's DOP853)
// use their own continuous extensions, of order 4, 4 and 7; every other
// method, and any with Options.Hermite, the cubic Hermite interpolant
// through the states and derivatives at the ends of each step. An event
// function's change of sign between step ends is located on the
// interpolant by the Illinois method and ends the solve there.
//
// # Errors
//
// Bad input (mismatched lengths, non-finite values, t0 == t1, unusable
// tolerances or options) returns an error wrapping one of the Err values
// before any work. A numerical failure — a non-finite state, a step size
// below the resolution of t or below Options.HMin, too many steps —
// returns a *SolveError that says where it happened, with the solution up
// to the last accepted step and the statistics in the Solution.
package rk
