namespace MetaLoss.Training.Evolution;

/// <summary>
/// Which search strategy a run evolves with. Persisted by name inside RunSettings: never rename a member.
/// </summary>
public enum SearchStrategyName
{
    /// <summary>The paper's (mu+lambda) ES with self-adaptive per-parameter sigma (<see cref="MuPlusLambdaStrategy"/>).</summary>
    MuPlusLambda,

    /// <summary>Separable CMA-ES: a mean, a global step size and a diagonal covariance (<see cref="SeparableCmaEs"/>).</summary>
    CmaEs,
}

/// <summary>The spellings users type for a <see cref="SearchStrategyName"/> (`--strategy`, the API's `strategy`).</summary>
public static class SearchStrategyNames
{
    public const string Choices = "mu-plus-lambda or cma-es";

    public static SearchStrategyName? Parse(string text) => text.ToLowerInvariant() switch
    {
        "mu-plus-lambda" => SearchStrategyName.MuPlusLambda,
        "cma-es" => SearchStrategyName.CmaEs,
        _ => null,
    };

    public static string Format(SearchStrategyName name) => name switch
    {
        SearchStrategyName.CmaEs => "cma-es",
        _ => "mu-plus-lambda",
    };
}
