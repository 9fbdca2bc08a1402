namespace StaticNets;

/// <summary>
/// The optimizer whose update the generated <c>Step</c> applies. Each follows the definition, hyper-parameter names
/// and defaults of PyTorch's <c>torch.optim</c>; unset hyper-parameters on <see cref="NetworkAttribute"/> take
/// PyTorch's defaults for the chosen optimizer.
/// </summary>
/// <remarks>
/// <para>The numeric values are part of the model-file format; never renumber them.</para>
/// <para>
/// Where PyTorch would keep a subnormal float in a buffer that decays (momentum buffers, moving averages of the gradient
/// and of its square), the generated step stores 0: see <see cref="Operators.Subnormals"/> for why and for the bound on
/// the difference this makes to the parameters.
/// </para>
/// </remarks>
public enum Optimizer
{
    /// <summary>
    /// <c>torch.optim.SGD</c>: <c>g ← g + λθ</c> (weight decay); with momentum μ &gt; 0,
    /// <c>b ← μb + (1 - dampening)g</c> (<c>b ← g</c> on the first step) and <c>g ← b</c>; then <c>θ ← θ - lr·g</c>.
    /// Momentum defaults to 0 here, so this is plain SGD unless <see cref="NetworkAttribute.Momentum"/> is set.
    /// </summary>
    Sgd = 0,

    /// <summary><see cref="Sgd"/> with momentum 0.9 unless <see cref="NetworkAttribute.Momentum"/> says otherwise.</summary>
    Momentum = 1,

    /// <summary>
    /// <see cref="Sgd"/> with Nesterov momentum (0.9 unless set): <c>g ← g + μb</c> after the buffer update.
    /// </summary>
    Nesterov = 2,

    /// <summary>
    /// <c>torch.optim.Adagrad</c> (lr 0.01, lr_decay 0, eps 1e-10): <c>s ← s + g²</c>;
    /// <c>θ ← θ - lr/(1 + (t-1)·lr_decay) · g / (√s + eps)</c>.
    /// </summary>
    Adagrad = 3,

    /// <summary>
    /// <c>torch.optim.Adadelta</c> (lr 1, rho 0.9, eps 1e-6): <c>v ← ρv + (1-ρ)g²</c>;
    /// <c>Δ = √(u + eps) / √(v + eps) · g</c>; <c>u ← ρu + (1-ρ)Δ²</c>; <c>θ ← θ - lr·Δ</c>.
    /// </summary>
    Adadelta = 4,

    /// <summary>
    /// <c>torch.optim.RMSprop</c> (lr 0.01, alpha 0.99, eps 1e-8, momentum 0, centered false): <c>v ← αv + (1-α)g²</c>;
    /// centred: <c>m ← αm + (1-α)g</c>, <c>d = √(v - m²) + eps</c>, else <c>d = √v + eps</c>; with momentum
    /// <c>b ← μb + g/d</c>, <c>θ ← θ - lr·b</c>, else <c>θ ← θ - lr·g/d</c>. (The reference reports put eps inside the
    /// square root; PyTorch, and so StaticNets, adds it outside.)
    /// </summary>
    RMSprop = 5,

    /// <summary>
    /// <c>torch.optim.Adam</c> (lr 0.001, betas (0.9, 0.999), eps 1e-8): <c>m ← β₁m + (1-β₁)g</c>,
    /// <c>v ← β₂v + (1-β₂)g²</c>, <c>θ ← θ - lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + eps)</c>; with AMSGrad the running maximum
    /// of <c>v</c> replaces <c>v</c>. Weight decay is added to the gradient (L2-style).
    /// </summary>
    Adam = 6,

    /// <summary>
    /// <c>torch.optim.AdamW</c>: Adam with decoupled weight decay (default 0.01): <c>θ ← θ·(1 - lr·λ)</c> before the
    /// Adam update.
    /// </summary>
    AdamW = 7,
}
