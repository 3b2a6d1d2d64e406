using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>A refused change as the user reads it: the common cases in their language, else the rule's own words.</summary>
public static class ErrorText
{
    public static string Of(DomainException e, IStringLocalizer<SharedText> l) => e.Code switch
    {
        ErrorCodes.Conflict => l["Common.Conflict"],
        ErrorCodes.NotFound => l["Common.NotFound"],
        _ => e.Message,
    };
}
