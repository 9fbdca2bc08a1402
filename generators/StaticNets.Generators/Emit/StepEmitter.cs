using System.Collections.Generic;
using System.Globalization;
using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;
using StaticNets.Generators.Plan;
using static StaticNets.Generators.Emit.GeneratedNames;

namespace StaticNets.Generators.Emit;

/// <summary>
/// Writes <c>ZeroGradients</c>, <c>TrainBatch</c> and the optimizer's <c>Step</c>: one fused SIMD pass over the
/// parameters, their gradients and the optimizer state, following <c>torch.optim</c>'s definitions.
/// </summary>
internal static class StepEmitter
{
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        NetworkModel model = plan.Model;
        if (plan.StoresGradients)
        {
            WriteStoringTrainBatch(writer);
            WriteStep(writer, plan);
            return;
        }

        writer.WriteLines($$"""
            /// <inheritdoc cref="{{INetwork}}.ZeroGradients"/>
            public void ZeroGradients() => {{Gradients}}.Clear();

            /// <inheritdoc cref="{{INetwork}}.TrainBatch"/>
            public float TrainBatch({{ReadOnlySpan}} inputs, {{ReadOnlySpan}} targets)
            {
                int batch = {{Guard}}.Batch(inputs.Length, InputSize, MaxBatchSize, nameof(inputs));
                {{Guard}}.Length(targets.Length, batch * OutputSize, nameof(targets));
                ZeroGradients();
                ForwardBatch(inputs, batch, training: true);
                float loss = Backward(targets);
                Step();
                return loss;
            }

            """);
        WriteStep(writer, plan);
    }

    /// <summary>
    /// <c>ZeroGradients</c> and a <c>TrainBatch</c> that does not clear the gradients: it raises
    /// <c>_overwriteGradients</c> around its backward pass, and every layer's backward then stores dW and db instead of
    /// adding to them. The gradients come out bitwise the same as after clearing them and accumulating.
    /// </summary>
    private static void WriteStoringTrainBatch(SourceWriter writer)
    {
        writer.WriteLines($$"""
            /// <summary>True only inside <see cref="TrainBatch"/>: the layers' backward passes store their gradients instead of adding.</summary>
            private bool {{OverwriteGradients}};

            /// <inheritdoc cref="{{INetwork}}.ZeroGradients"/>
            public void ZeroGradients() => {{Gradients}}.Clear();

            /// <inheritdoc cref="{{INetwork}}.TrainBatch"/>
            /// <remarks>The gradients are not cleared first: the backward pass overwrites every one of them.</remarks>
            public float TrainBatch({{ReadOnlySpan}} inputs, {{ReadOnlySpan}} targets)
            {
                int batch = {{Guard}}.Batch(inputs.Length, InputSize, MaxBatchSize, nameof(inputs));
                {{Guard}}.Length(targets.Length, batch * OutputSize, nameof(targets));
                ForwardBatch(inputs, batch, training: true);
                float loss;
                {{OverwriteGradients}} = true;
                try
                {
                    loss = Backward(targets);
                }
                finally
                {
                    {{OverwriteGradients}} = false;
                }

                Step();
                return loss;
            }

            """);
    }

    /// <summary>The optimizer state buffers, in their order in the state array.</summary>
    public static List<string> StateBuffers(NetworkModel model)
    {
        OptimizerSettings s = model.Settings;
        var buffers = new List<string>();
        switch (model.Optimizer)
        {
            case OptimizerKind.Sgd or OptimizerKind.Momentum or OptimizerKind.Nesterov when s.Momentum > 0f:
                buffers.Add("momentum buffer");
                break;
            case OptimizerKind.Adagrad:
                buffers.Add("sum of squared gradients");
                break;
            case OptimizerKind.Adadelta:
                buffers.Add("square average");
                buffers.Add("delta square average");
                break;
            case OptimizerKind.RMSprop:
                buffers.Add("square average");
                if (s.Centered)
                {
                    buffers.Add("gradient average");
                }

                if (s.Momentum > 0f)
                {
                    buffers.Add("momentum buffer");
                }

                break;
            case OptimizerKind.Adam or OptimizerKind.AdamW:
                buffers.Add("first moment");
                buffers.Add("second moment");
                if (s.AmsGrad)
                {
                    buffers.Add("max second moment");
                }

                break;
        }

        return buffers;
    }

    /// <summary>The optimizer and its hyper-parameters as text, e.g. <c>Adam(beta1=0.9, beta2=0.999, eps=1E-08, weight_decay=0, amsgrad=false)</c>.</summary>
    public static string Describe(NetworkModel model)
    {
        OptimizerSettings s = model.Settings;
        string F(float value) => value.ToString("R", CultureInfo.InvariantCulture);
        string B(bool value) => value ? "true" : "false";
        string arguments = model.Optimizer switch
        {
            OptimizerKind.Sgd or OptimizerKind.Momentum or OptimizerKind.Nesterov =>
                $"momentum={F(s.Momentum)}, dampening={F(s.Dampening)}, weight_decay={F(s.WeightDecay)}, nesterov={B(model.Optimizer == OptimizerKind.Nesterov)}",
            OptimizerKind.Adagrad =>
                $"lr_decay={F(s.LearningRateDecay)}, weight_decay={F(s.WeightDecay)}, initial_accumulator_value={F(s.InitialAccumulatorValue)}, eps={F(s.Epsilon)}",
            OptimizerKind.Adadelta => $"rho={F(s.Rho)}, eps={F(s.Epsilon)}, weight_decay={F(s.WeightDecay)}",
            OptimizerKind.RMSprop =>
                $"alpha={F(s.Alpha)}, eps={F(s.Epsilon)}, weight_decay={F(s.WeightDecay)}, momentum={F(s.Momentum)}, centered={B(s.Centered)}",
            _ => $"beta1={F(s.Beta1)}, beta2={F(s.Beta2)}, eps={F(s.Epsilon)}, weight_decay={F(s.WeightDecay)}, amsgrad={B(s.AmsGrad)}",
        };
        return $"{model.Optimizer}({arguments})";
    }

    private static void WriteStep(SourceWriter writer, NetworkPlan plan)
    {
        NetworkModel model = plan.Model;
        OptimizerSettings s = model.Settings;
        List<string> buffers = StateBuffers(model);
        bool parallel = ParallelTrainingEmitter.HasParallelStep(model);
        writer.Documentation($"<inheritdoc cref=\"{INetwork}.Step\"/>");
        string flush = model.Optimizer != OptimizerKind.Adagrad && StateBuffers(model).Count > 0
            ? $" Decaying state that falls below 2⁻¹²⁶ is stored as 0 (<see cref=\"{Subnormals}\"/>)."
            : string.Empty;
        writer.Documentation($"<remarks>{Summary(model)}{flush}</remarks>");
        if (parallel)
        {
            writer.OpenBlock("public void Step()");
            writer.WriteLine($"{StepCount}++;");
            writer.WriteLine($"{NonFiniteStep} = false; // set by any part that writes a parameter that is not finite");
            writer.OpenBlock("if (_workers is { } workers)");
            writer.Comment("every parameter is updated on its own, so the threads take disjoint shares and the result is bitwise the same");
            writer.WriteLine("_trainPart ??= TrainPart;");
            writer.WriteLine($"_job = {ParallelTrainingEmitter.JobType}.Step;");
            writer.WriteLine("workers.Run(_trainPart);");
            writer.CloseBlock();
            writer.OpenBlock("else");
            writer.WriteLine($"{StepRange}(0, ParameterCount);");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.WriteLine();
            WriteStepPart(writer, plan);
            writer.WriteLine();
            writer.Documentation($"<summary>The update of <see cref=\"Step\"/> for parameters <paramref name=\"first\"/> to <paramref name=\"end\"/>.</summary>");
            writer.OpenBlock($"private void {StepRange}(int first, int end)");
            writer.WriteLine($"int step = {StepCount};");
        }
        else
        {
            writer.OpenBlock("public void Step()");
            writer.WriteLine($"int step = ++{StepCount};");
            writer.WriteLine($"{NonFiniteStep} = false;");
        }

        writer.WriteLine($"float lr = {LearningRate};");
        writer.WriteLine($"ref float p = ref {Parameters}.Start;");
        writer.WriteLine($"ref float g = ref {Gradients}.Start;");
        string[] stateNames = StateNames(model);
        for (int k = 0; k < stateNames.Length; k++)
        {
            string source = k == 0
                ? $"{OptimizerState}.Start"
                : $"{Unsafe}.Add(ref {OptimizerState}.Start, {Int(k)} * ParameterCount)";
            writer.WriteLine($"ref float {stateNames[k]} = ref {source}; // {buffers[k]}");
        }

        bool decay = s.WeightDecay > 0f;
        if (decay)
        {
            writer.WriteLine($"const float weightDecay = {Float(s.WeightDecay)};");
        }

        System.Func<VectorWidth, string, IEnumerable<string>> body;
        switch (model.Optimizer)
        {
            case OptimizerKind.Sgd or OptimizerKind.Momentum or OptimizerKind.Nesterov when s.Momentum > 0f:
                writer.WriteLine($"const float momentum = {Float(s.Momentum)}, dampening = {Float(s.Dampening)};");
                writer.Comment("The first step copies the gradient into the buffer; later steps decay it.");
                writer.WriteLine("float bufferDecay = step == 1 ? 0f : momentum;");
                writer.WriteLine("float gradientScale = step == 1 ? 1f : 1f - dampening;");
                body = (w, o) => Momentum(w, o, decay, model.Optimizer == OptimizerKind.Nesterov);
                break;
            case OptimizerKind.Sgd or OptimizerKind.Momentum or OptimizerKind.Nesterov:
                body = (w, o) => Sgd(w, o, decay);
                break;
            case OptimizerKind.Adagrad:
                writer.WriteLine($"const float learningRateDecay = {Float(s.LearningRateDecay)}, epsilon = {Float(s.Epsilon)};");
                writer.WriteLine("float clr = lr / (1f + (step - 1) * learningRateDecay);");
                body = (w, o) => Adagrad(w, o, decay);
                break;
            case OptimizerKind.Adadelta:
                writer.WriteLine($"const float rho = {Float(s.Rho)}, epsilon = {Float(s.Epsilon)};");
                body = (w, o) => Adadelta(w, o, decay);
                break;
            case OptimizerKind.RMSprop:
                writer.WriteLine($"const float alpha = {Float(s.Alpha)}, epsilon = {Float(s.Epsilon)};");
                if (s.Momentum > 0f)
                {
                    writer.WriteLine($"const float momentum = {Float(s.Momentum)};");
                }

                body = (w, o) => RmsProp(w, o, decay, s.Centered, s.Momentum > 0f);
                break;
            default:
                writer.WriteLine($"const float beta1 = {Float(s.Beta1)}, beta2 = {Float(s.Beta2)}, epsilon = {Float(s.Epsilon)};");
                writer.Comment("Bias corrections in double, as PyTorch computes them in Python floats.");
                writer.WriteLine("float stepSize = (float)(lr / (1.0 - global::System.Math.Pow(beta1, step)));");
                writer.Comment("The reciprocal of sqrt(1 - beta2^t) once per step: each parameter then multiplies instead of dividing.");
                writer.WriteLine("float inverseCorrection2Sqrt = (float)(1.0 / global::System.Math.Sqrt(1.0 - global::System.Math.Pow(beta2, step)));");
                bool decoupled = model.Optimizer == OptimizerKind.AdamW;
                if (decoupled && decay)
                {
                    writer.WriteLine("float parameterDecay = 1f - lr * weightDecay; // AdamW: decay the parameters, not the gradient");
                }

                body = (w, o) => Adam(w, o, decay, decoupled, s.AmsGrad);
                break;
        }

        // The updates are written first, so that only the finiteness accumulators they use are declared before them.
        string updates = writer.Capture(() => WriteUpdates(writer, model, parallel, body));
        WriteFiniteAccumulators(writer, updates);
        writer.AppendText(updates);
        WriteFiniteCheck(writer, updates);
        writer.CloseBlock();
    }

    private static void WriteUpdates(SourceWriter writer, NetworkModel model, bool parallel, System.Func<VectorWidth, string, IEnumerable<string>> body)
    {
        if (parallel)
        {
            SimdEmitter.WidthLadder(
                writer,
                width => WriteRange(writer, width, body),
                () =>
                {
                    writer.OpenBlock("for (int k = first; k < end; k++)");
                    foreach (string line in body(VectorWidth.Scalar, "(nuint)k"))
                    {
                        writer.WriteLine(line);
                    }

                    writer.CloseBlock();
                });
            return;
        }

        SimdEmitter.WidthLadder(
            writer,
            width => SimdEmitter.ElementwiseBlock(writer, model.ParameterCount, "ParameterCount", width, body),
            () =>
            {
                writer.OpenBlock("for (int k = 0; k < ParameterCount; k++)");
                foreach (string line in body(VectorWidth.Scalar, "(nuint)k"))
                {
                    writer.WriteLine(line);
                }

                writer.CloseBlock();
            });
    }

    /// <summary>The body of <c>StepRange</c> at one width: whole vectors from <c>first</c>, then the last few one at a time.</summary>
    private static void WriteRange(SourceWriter writer, VectorWidth width, System.Func<VectorWidth, string, IEnumerable<string>> body)
    {
        writer.WriteLine("nuint o = (nuint)first;");
        writer.OpenBlock($"for (; o + {Int(width.Count)} <= (nuint)end; o += {Int(width.Count)})");
        foreach (string line in body(width, "o"))
        {
            writer.WriteLine(line);
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.OpenBlock("for (; o < (nuint)end; o++)");
        foreach (string line in body(VectorWidth.Scalar, "o"))
        {
            writer.WriteLine(line);
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// Writes <c>StepPart</c>: one thread's share of the step. Layers shared by input chunks step the rows the thread
    /// owns (those it read in the forward pass and wrote in the weight gradient, so they are in its cache); the other
    /// layers' weights are shared in contiguous ranges; biases are stepped by the last part.
    /// </summary>
    private static void WriteStepPart(SourceWriter writer, NetworkPlan plan)
    {
        NetworkModel model = plan.Model;
        writer.Documentation("<summary>Part <paramref name=\"part\"/> of <paramref name=\"parts\"/> of <see cref=\"Step\"/>; the parts update disjoint parameters.</summary>");
        writer.OpenBlock("private void StepPart(int part, int parts)");
        foreach (LayerModel layer in model.Layers)
        {
            if (layer.Unit() is WeightedLayerUnit weighted)
            {
                weighted.WriteStepPart(writer, plan, layer);
            }
        }

        writer.CloseBlock();
    }

    private static string[] StateNames(NetworkModel model)
    {
        OptimizerSettings s = model.Settings;
        var names = new List<string>();
        foreach (string buffer in StateBuffers(model))
        {
            names.Add(buffer switch
            {
                "momentum buffer" => "buffer",
                "sum of squared gradients" => "sum",
                "square average" => "squareAverage",
                "delta square average" => "deltaAverage",
                "gradient average" => "gradientAverage",
                "first moment" => "m",
                "second moment" => "v",
                _ => "vMax",
            });
        }

        return names.ToArray();
    }

    private static string Summary(NetworkModel model)
    {
        OptimizerSettings s = model.Settings;
        string decay = s.WeightDecay > 0f ? "g = g + λθ; " : string.Empty;
        return model.Optimizer switch
        {
            OptimizerKind.Sgd or OptimizerKind.Momentum or OptimizerKind.Nesterov when s.Momentum > 0f =>
                $"SGD with {(model.Optimizer == OptimizerKind.Nesterov ? "Nesterov " : string.Empty)}momentum, as torch.optim.SGD: {decay}b = μb + (1 - dampening)g (b = g on the first step); " +
                (model.Optimizer == OptimizerKind.Nesterov ? "g = g + μb" : "g = b") + "; θ = θ - lr·g.",
            OptimizerKind.Sgd or OptimizerKind.Momentum or OptimizerKind.Nesterov =>
                $"Plain SGD, as torch.optim.SGD without momentum: {decay}θ = θ - lr·g.",
            OptimizerKind.Adagrad => $"Adagrad, as torch.optim.Adagrad: {decay}s = s + g²; θ = θ - lr/(1 + (t - 1)·lr_decay) · g/(√s + ε).",
            OptimizerKind.Adadelta => $"Adadelta, as torch.optim.Adadelta: {decay}v = ρv + (1 - ρ)g²; Δ = √(u + ε)/√(v + ε) · g; u = ρu + (1 - ρ)Δ²; θ = θ - lr·Δ.",
            OptimizerKind.RMSprop =>
                $"RMSprop, as torch.optim.RMSprop: {decay}v = αv + (1 - α)g²; " +
                (s.Centered ? "m = αm + (1 - α)g; d = √(v - m²) + ε; " : "d = √v + ε; ") +
                (s.Momentum > 0f ? "b = μb + g/d; θ = θ - lr·b." : "θ = θ - lr·g/d."),
            OptimizerKind.AdamW =>
                "AdamW, as torch.optim.AdamW: θ = θ·(1 - lr·λ); m = β₁m + (1 - β₁)g; v = β₂v + (1 - β₂)g²; " +
                (s.AmsGrad ? "v̂ = max(v̂, v); θ = θ - lr/(1 - β₁ᵗ) · m/(√v̂/√(1 - β₂ᵗ) + ε)." : "θ = θ - lr/(1 - β₁ᵗ) · m/(√v/√(1 - β₂ᵗ) + ε)."),
            _ =>
                $"Adam, as torch.optim.Adam: {decay}m = β₁m + (1 - β₁)g; v = β₂v + (1 - β₂)g²; " +
                (s.AmsGrad ? "v̂ = max(v̂, v); θ = θ - lr/(1 - β₁ᵗ) · m/(√v̂/√(1 - β₂ᵗ) + ε)." : "θ = θ - lr/(1 - β₁ᵗ) · m/(√v/√(1 - β₂ᵗ) + ε)."),
        };
    }

    // Each builder returns the statements for one value of width w at element offset o.

    /// <summary>The name of the finiteness accumulator of width <paramref name="w"/>.</summary>
    private static string FiniteName(VectorWidth w) => w.IsScalar ? "finite1" : "finite" + Int(w.Count);

    /// <summary>
    /// The last statements of every update: the new parameter stored, and its x - x (0 while finite, NaN for NaN or ±∞)
    /// added to the finiteness accumulator of its width, so the step notices a diverged parameter without a second pass.
    /// </summary>
    private static IEnumerable<string> Update(VectorWidth w, string value, string o)
    {
        yield return $"var updated = {value};";
        yield return w.Store("updated", "p", o);
        yield return $"{FiniteName(w)} += updated - updated;";
    }

    /// <summary>The widths whose finiteness accumulator <paramref name="updates"/> uses.</summary>
    private static List<VectorWidth> FiniteWidths(string updates)
    {
        var widths = new List<VectorWidth>();
        foreach (VectorWidth w in new[] { VectorWidth.V512, VectorWidth.V256, VectorWidth.V128, VectorWidth.Scalar })
        {
            if (updates.Contains(FiniteName(w) + " += "))
            {
                widths.Add(w);
            }
        }

        return widths;
    }

    /// <summary>The finiteness accumulators the updates use, declared at the start of a step.</summary>
    private static void WriteFiniteAccumulators(SourceWriter writer, string updates)
    {
        writer.Comment("x - x of every new parameter is summed here: 0 while all are finite, NaN as soon as one is not");
        foreach (VectorWidth w in FiniteWidths(updates))
        {
            writer.WriteLine(w.IsScalar ? "float finite1 = 0f;" : $"var {FiniteName(w)} = {w.Class}<float>.Zero;");
        }
    }

    /// <summary>The end of a step: a NaN in any accumulator marks the step as not finite.</summary>
    private static void WriteFiniteCheck(SourceWriter writer, string updates)
    {
        var terms = new List<string>();
        foreach (VectorWidth w in FiniteWidths(updates))
        {
            terms.Add(w.Sum(FiniteName(w)));
        }

        writer.WriteLine();
        writer.OpenBlock($"if (!float.IsFinite({string.Join(" + ", terms)}))");
        writer.WriteLine($"{NonFiniteStep} = true;");
        writer.CloseBlock();
    }

    /// <summary>
    /// <paramref name="value"/> with subnormal lanes set to zero: every state buffer that decays geometrically goes
    /// through it before it is stored, so a weight whose gradient stays 0 has state 0 instead of subnormals that every
    /// later step would compute with in microcode (see <c>StaticNets.Operators.Subnormals</c>).
    /// </summary>
    private static string Flush(string value) => $"{Subnormals}.FlushToZero({value})";

    private static IEnumerable<string> LoadParameterAndGradient(VectorWidth w, string o, bool decay)
    {
        yield return $"var pv = {w.Load("p", o)};";
        yield return decay
            ? $"var gv = {w.FusedMultiplyAdd("pv", w.Broadcast("weightDecay"), w.Load("g", o))};"
            : $"var gv = {w.Load("g", o)};";
    }

    private static IEnumerable<string> Sgd(VectorWidth w, string o, bool decay)
    {
        foreach (string line in LoadParameterAndGradient(w, o, decay))
        {
            yield return line;
        }

        foreach (string line in Update(w, w.FusedMultiplyAdd("gv", w.Broadcast("-lr"), "pv"), o))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> Momentum(VectorWidth w, string o, bool decay, bool nesterov)
    {
        foreach (string line in LoadParameterAndGradient(w, o, decay))
        {
            yield return line;
        }

        yield return $"var bv = {Flush(w.FusedMultiplyAdd(w.Load("buffer", o), w.Broadcast("bufferDecay"), "gv * gradientScale"))};";
        yield return w.Store("bv", "buffer", o);
        foreach (string line in Update(w, nesterov ? w.FusedMultiplyAdd(w.FusedMultiplyAdd("bv", w.Broadcast("momentum"), "gv"), w.Broadcast("-lr"), "pv") : w.FusedMultiplyAdd("bv", w.Broadcast("-lr"), "pv"), o))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> Adagrad(VectorWidth w, string o, bool decay)
    {
        foreach (string line in LoadParameterAndGradient(w, o, decay))
        {
            yield return line;
        }

        yield return $"var sv = {w.FusedMultiplyAdd("gv", "gv", w.Load("sum", o))};";
        yield return w.Store("sv", "sum", o);
        foreach (string line in Update(w, w.FusedMultiplyAdd($"gv / ({w.Sqrt("sv")} + {w.Broadcast("epsilon")})", w.Broadcast("-clr"), "pv"), o))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> Adadelta(VectorWidth w, string o, bool decay)
    {
        foreach (string line in LoadParameterAndGradient(w, o, decay))
        {
            yield return line;
        }

        yield return $"var va = {Flush(w.FusedMultiplyAdd("gv * gv", w.Broadcast("1f - rho"), w.Load("squareAverage", o) + " * rho"))};";
        yield return $"var delta = {w.Sqrt(w.Load("deltaAverage", o) + " + " + w.Broadcast("epsilon"))} / {w.Sqrt("va + " + w.Broadcast("epsilon"))} * gv;";
        yield return w.Store("va", "squareAverage", o);
        yield return w.Store(Flush(w.FusedMultiplyAdd("delta * delta", w.Broadcast("1f - rho"), w.Load("deltaAverage", o) + " * rho")), "deltaAverage", o);
        foreach (string line in Update(w, w.FusedMultiplyAdd("delta", w.Broadcast("-lr"), "pv"), o))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> RmsProp(VectorWidth w, string o, bool decay, bool centered, bool momentum)
    {
        foreach (string line in LoadParameterAndGradient(w, o, decay))
        {
            yield return line;
        }

        yield return $"var va = {Flush(w.FusedMultiplyAdd("gv * gv", w.Broadcast("1f - alpha"), w.Load("squareAverage", o) + " * alpha"))};";
        yield return w.Store("va", "squareAverage", o);
        if (centered)
        {
            yield return $"var ga = {Flush(w.FusedMultiplyAdd("gv", w.Broadcast("1f - alpha"), w.Load("gradientAverage", o) + " * alpha"))};";
            yield return w.Store("ga", "gradientAverage", o);
            yield return $"var average = {w.Sqrt(w.FusedMultiplyAdd("-ga", "ga", "va"))} + {w.Broadcast("epsilon")};";
        }
        else
        {
            yield return $"var average = {w.Sqrt("va")} + {w.Broadcast("epsilon")};";
        }

        if (momentum)
        {
            yield return $"var bv = {Flush(w.FusedMultiplyAdd(w.Load("buffer", o), w.Broadcast("momentum"), "gv / average"))};";
            yield return w.Store("bv", "buffer", o);
            foreach (string line in Update(w, w.FusedMultiplyAdd("bv", w.Broadcast("-lr"), "pv"), o))
            {
                yield return line;
            }
        }
        else
        {
            foreach (string line in Update(w, w.FusedMultiplyAdd("gv / average", w.Broadcast("-lr"), "pv"), o))
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> Adam(VectorWidth w, string o, bool decay, bool decoupled, bool amsGrad)
    {
        if (decoupled)
        {
            yield return decay ? $"var pv = {w.Load("p", o)} * parameterDecay;" : $"var pv = {w.Load("p", o)};";
            yield return $"var gv = {w.Load("g", o)};";
        }
        else
        {
            foreach (string line in LoadParameterAndGradient(w, o, decay))
            {
                yield return line;
            }
        }

        yield return $"var mv = {Flush(w.FusedMultiplyAdd("gv", w.Broadcast("1f - beta1"), w.Load("m", o) + " * beta1"))};";
        yield return $"var vv = {Flush(w.FusedMultiplyAdd("gv * gv", w.Broadcast("1f - beta2"), w.Load("v", o) + " * beta2"))};";
        yield return w.Store("mv", "m", o);
        yield return w.Store("vv", "v", o);
        if (amsGrad)
        {
            yield return $"vv = {w.Max(w.Load("vMax", o), "vv")};";
            yield return w.Store("vv", "vMax", o);
        }

        yield return $"var denominator = {w.Sqrt("vv")} * inverseCorrection2Sqrt + {w.Broadcast("epsilon")};";
        foreach (string line in Update(w, w.FusedMultiplyAdd("mv / denominator", w.Broadcast("-stepSize"), "pv"), o))
        {
            yield return line;
        }
    }
}
