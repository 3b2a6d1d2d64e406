using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace SecOpsDx.Web.Hosting;

/// <summary>Identity's messages (password rules, duplicates) in the user's language.</summary>
public sealed class JapaneseIdentityErrorDescriber : IdentityErrorDescriber
{
    private static bool Ja => !AppCultures.IsEnglish;

    private static IdentityError E(string code, string ja, string en) => new() { Code = code, Description = Ja ? ja : en };

    public override IdentityError PasswordTooShort(int length) =>
        E(nameof(PasswordTooShort), $"パスワードは{length}文字以上にしてください。", $"Passwords must be at least {length} characters.");
    public override IdentityError PasswordRequiresDigit() =>
        E(nameof(PasswordRequiresDigit), "パスワードには数字(0-9)を含めてください。", "Passwords must have at least one digit ('0'-'9').");
    public override IdentityError PasswordRequiresLower() =>
        E(nameof(PasswordRequiresLower), "パスワードには英小文字(a-z)を含めてください。", "Passwords must have at least one lowercase ('a'-'z').");
    public override IdentityError PasswordRequiresUpper() =>
        E(nameof(PasswordRequiresUpper), "パスワードには英大文字(A-Z)を含めてください。", "Passwords must have at least one uppercase ('A'-'Z').");
    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        E(nameof(PasswordRequiresNonAlphanumeric), "パスワードには記号を含めてください。", "Passwords must have at least one non alphanumeric character.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        E(nameof(PasswordRequiresUniqueChars), $"パスワードには{uniqueChars}種類以上の文字を使ってください。", $"Passwords must use at least {uniqueChars} different characters.");
    public override IdentityError PasswordMismatch() =>
        E(nameof(PasswordMismatch), "パスワードが正しくありません。", "Incorrect password.");
    public override IdentityError DuplicateEmail(string email) =>
        E(nameof(DuplicateEmail), $"メールアドレス {email} は既に使われています。", $"Email '{email}' is already taken.");
    public override IdentityError DuplicateUserName(string userName) =>
        E(nameof(DuplicateUserName), $"ユーザー名 {userName} は既に使われています。", $"Username '{userName}' is already taken.");
    public override IdentityError InvalidEmail(string? email) =>
        E(nameof(InvalidEmail), $"メールアドレス {email} の形式が正しくありません。", $"Email '{email}' is invalid.");
    public override IdentityError InvalidToken() =>
        E(nameof(InvalidToken), "確認コードが正しくないか、期限切れです。", "Invalid token.");
    public override IdentityError ConcurrencyFailure() =>
        E(nameof(ConcurrencyFailure), "他の操作と競合しました。もう一度お試しください。", "Optimistic concurrency failure, object has been modified.");
    public override IdentityError UserAlreadyInRole(string role) =>
        E(nameof(UserAlreadyInRole), $"既にロール {role} を持っています。", $"User already in role '{role}'.");
    public override IdentityError UserNotInRole(string role) =>
        E(nameof(UserNotInRole), $"ロール {role} を持っていません。", $"User is not in role '{role}'.");
}
