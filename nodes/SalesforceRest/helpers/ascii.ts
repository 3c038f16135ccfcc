/** Character classes for the scans that replace regular expressions on input a stranger sent. Pure. */

/** `char` may be past the end of the text (undefined). */
export function isAsciiDigit(char: string | undefined): boolean {
	return char !== undefined && char >= '0' && char <= '9';
}

export function isAsciiLetterOrDigit(char: string): boolean {
	return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || isAsciiDigit(char);
}
