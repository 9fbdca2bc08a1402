using System.Runtime.Intrinsics;
using StaticNets.Operators;

namespace StaticNets.Kernels;

/// <summary>
/// An elementwise activation at every width, for kernels written over <see cref="IFloatVector{TSelf}"/>. Each
/// implementation is a struct that calls the matching operator (<see cref="ReLUOperator"/>, …), so a kernel computes
/// exactly what the operator computes; parameterised activations carry their parameter.
/// </summary>
public interface IActivation
{
    /// <summary>The activation of one value.</summary>
    float Forward(float z);

    /// <summary>The activation of each lane.</summary>
    Vector128<float> Forward(Vector128<float> z);

    /// <summary>The activation of each lane.</summary>
    Vector256<float> Forward(Vector256<float> z);

    /// <summary>The activation of each lane.</summary>
    Vector512<float> Forward(Vector512<float> z);
}
