namespace TinyGen.Fuzzing;

/// <summary>How one case ended. Only the first two are acceptable.</summary>
public enum FuzzVerdict
{
    /// <summary>The mutated model compiled.</summary>
    Compiled,
    /// <summary>A TinyGenException for the user, with a message: the model was refused properly.</summary>
    Rejected,
    /// <summary>Any other exception escaped: a crash.</summary>
    Crashed,
    /// <summary>A TinyGenException that admits to being a TinyGen bug (internal error, wrong exit code, empty message).</summary>
    InternalError,
    /// <summary>The compile did not finish within the time limit.</summary>
    Hung,
    /// <summary>The compile allocated far more than the unmutated seed did: a size from the file drove an allocation.</summary>
    OverAllocated,
}
