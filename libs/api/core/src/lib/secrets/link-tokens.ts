/** `token=` in a URL's query (also HTML-escaped, `&amp;token=`) and its value, up to the next delimiter. */
const LINK_TOKEN = /([?&](?:amp;)?token=)[^&"'\s<>]+/g;

/**
 * The text with the value of every `token=` query parameter replaced by "(hidden)": what an admin may
 * read of a mail (reset, invitation and unsubscribe links are keys that act for their recipient), and
 * what a log line may say of a request URL (calendar feeds take a personal API token in `?token=`).
 */
export function hideLinkTokens(text: string): string {
  return text.replace(LINK_TOKEN, '$1(hidden)');
}
