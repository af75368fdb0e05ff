// Package autodiff provides the vector fields of nde and their derivatives
// over flat slices: the Field contract every solver consumes, multilayer
// perceptrons with hand-written derivatives, a tape for composing fields
// from vector operations, fields from plain Go functions, and the Adam and
// SGD optimisers.
//
// # Fields and their two derivatives
//
// A field is f(t, y; θ) ∈ ℝᵐ for a state y ∈ ℝⁿ and parameters θ ∈ ℝᵖ
// held in one flat slice (Kidger, On Neural Differential Equations, 2022,
// §2.1 and §3.2). Everything a solver needs for gradients is built from
// two products with its Jacobians (Griewank and Walther, Evaluating
// Derivatives, 2nd ed., 2008, chapters 3 and 4):
//
//   - forward mode, the Jacobian–vector product (JVP)
//     J·(v, w) = ∂f/∂y v + ∂f/∂θ w, computed by carrying a tangent beside
//     every intermediate value (a dual vector) at about twice the cost of
//     an evaluation;
//   - reverse mode, the vector–Jacobian product (VJP)
//     aᵀJ = (aᵀ∂f/∂y, aᵀ∂f/∂θ), computed by running the evaluation and
//     then pulling the cotangent a back through each operation in reverse
//     order, at about three times the cost of an evaluation whatever p is.
//
// The two are adjoint: ⟨a, J·(v, w)⟩ = ⟨aᵀ∂f/∂y, v⟩ + ⟨aᵀ∂f/∂θ, w⟩ for all
// a, v, w. The tests check this "dot-product test" to 10⁻¹² relative, and
// both modes against central finite differences.
//
// A VJP adds to its destinations rather than overwriting them, so the
// contributions of the stages of a Runge–Kutta step, or of the steps of a
// solve, accumulate without copies. A field recomputes what it needs of
// the forward pass inside VJP, because solvers ask for VJPs at points they
// did not just evaluate; EvalVJPField offers both at one point for one
// forward pass (the continuous adjoint's need).
//
// # Multilayer perceptrons
//
// MLP is hₗ = σₗ(Wₗ hₗ₋₁ + bₗ) with h₀ = y (or (y, t)) and output h_L. Its
// derivatives are written by hand on top of package linalg's matrix–vector
// kernels: with δₗ = gₗ ⊙ σₗ'(zₗ) the backward pass is
// ∂/∂Wₗ += δₗ hₗ₋₁ᵀ, ∂/∂bₗ += δₗ, gₗ₋₁ = Wₗᵀ δₗ, and the forward-mode
// tangent is dzₗ = Wₗ dhₗ₋₁ + dWₗ hₗ₋₁ + dbₗ, dhₗ = σₗ'(zₗ) ⊙ dzₗ. The
// output may be read as a matrix (OutShape, OutMatrix): the n×c field of a
// neural CDE, f(z) dX/dt with f(z) ∈ ℝⁿˣᶜ (Kidger et al., "Neural
// Controlled Differential Equations for Irregular Time Series", NeurIPS
// 2020), or the n×m diffusion of an SDE driven by m-dimensional noise.
// Initialisation is uniform on ±1/√fan-in from a seed, as PyTorch's
// nn.Linear, with a portable generator, so weights are the same on every
// machine.
//
// # The tape
//
// A Tape records affine maps, elementwise arithmetic and activations
// (tanh, sigmoid, softplus, ReLU, LipSwish, sin, cos, exp), sums, dot
// products, concatenation, slicing and reshaping, over the input y, the
// time t, parameters and constants. Tape.Field compiles it into a
// TapeField: a flat program over preallocated buffers whose Eval, JVP and
// VJP replay the operations without allocating. Before each replay it
// decides which intermediate values carry a tangent or a cotangent (those
// that depend on y, or on θ when the parameter derivative is asked for),
// so that, for example, a VJP without gtheta skips every weight gradient.
//
// # Fields from functions
//
// NewFunc makes a field from Go functions. A field with only an evaluation
// is a Field and nothing more: AsVJP, AsJVP and AsDiff return
// ErrNoDerivative for it. They are how a solver that needs derivatives
// asks for them, so that such a field is refused with that error rather
// than differentiated some other way. nde never approximates a
// derivative silently; FiniteDifferenceJVP does so when called by name.
//
// # Optimisers
//
// Adam (Kingma and Ba, ICLR 2015) and SGD with momentum update the flat
// parameter vector in place from a gradient of the same layout, without
// allocating.
//
// # Concurrency and reproducibility
//
// A field owns its scratch space and is not safe for concurrent use; Clone
// gives each goroutine a field over the same parameters. The same inputs
// give the same bits on every run. Across architectures results agree to
// rounding: the activations use the standard library's math functions,
// some of which are assembly on some platforms, and the matrix kernels may
// fuse multiply–adds.
package autodiff
