using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace WxMall.Storefront;

/// <summary>
/// Pages call the same endpoint methods as the JSON API, so validation and rules live in one place; this reads the
/// endpoint's typed result back into a value or into field errors shown next to the form fields.
/// </summary>
public static class PageOutcome
{
    /// <summary>
    /// The value of an Ok/Created result, or null after copying the errors into the model state. Use a prefix naming
    /// the page's bound model (e.g. <c>Input</c>) so the API's <c>phone</c> error lands on <c>Input.Phone</c>.
    /// </summary>
    public static T? Read<T>(IResult result, ModelStateDictionary modelState, string fieldPrefix = "Input")
        where T : class
    {
        switch (result)
        {
            case Ok<T> ok:
                return ok.Value;
            case Created<T> created:
                return created.Value;
            case ValidationProblem invalid:
                foreach (var (field, messages) in invalid.ProblemDetails.Errors)
                {
                    foreach (var message in messages)
                    {
                        modelState.AddModelError(FieldName(fieldPrefix, field), message);
                    }
                }

                return null;
            case ProblemHttpResult problem:
                modelState.AddModelError(string.Empty, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "操作失败，请稍后重试");
                return null;
            default:
                modelState.AddModelError(string.Empty, "操作失败，请稍后重试");
                return null;
        }
    }

    /// <summary>True when the result is a success without a body (NoContent), else errors are copied like <see cref="Read{T}"/>.</summary>
    public static bool Succeeded(IResult result, ModelStateDictionary modelState, string fieldPrefix = "Input")
    {
        if (result is NoContent or Ok or Created)
        {
            return true;
        }

        if (result.GetType() is { IsGenericType: true } type
            && (type.GetGenericTypeDefinition() == typeof(Ok<>) || type.GetGenericTypeDefinition() == typeof(Created<>)))
        {
            return true;
        }

        Read<object>(result, modelState, fieldPrefix);
        return false;
    }

    /// <summary>
    /// Copies a failed result's errors onto a form whose fields are not named after the API's: <paramref name="fieldFor"/>
    /// maps an API field (<c>priceFen</c>, <c>skus[0].code</c>) to a page field, or to "" for the summary.
    /// </summary>
    public static void CopyErrors(IResult result, ModelStateDictionary modelState, Func<string, string> fieldFor)
    {
        if (result is not ValidationProblem invalid)
        {
            Succeeded(result, modelState, fieldPrefix: "");
            return;
        }

        foreach (var (field, messages) in invalid.ProblemDetails.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(fieldFor(field), message);
            }
        }
    }

    /// <summary>API field <c>recipientName</c> → page field <c>Input.RecipientName</c>.</summary>
    public static string FieldName(string prefix, string apiField)
    {
        if (apiField.Length == 0)
        {
            return string.Empty;
        }

        var pascal = char.ToUpperInvariant(apiField[0]) + apiField[1..];
        return prefix.Length == 0 ? pascal : $"{prefix}.{pascal}";
    }
}
