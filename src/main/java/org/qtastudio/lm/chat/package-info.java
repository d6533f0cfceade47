/**
 * Chat templates: a model's Jinja {@code chat_template} rendered on jinjava with the semantics of Hugging
 * Face's jinja2 environment, the aim being that a prompt reads character for character as Hugging Face's
 * {@code transformers} renders it.
 *
 * <p>{@link org.qtastudio.lm.chat.ChatTemplate#render} is the entry point (usually reached through
 * {@link org.qtastudio.lm.tokenizer.LmTokenizer#applyChatTemplate}); a template that fails or calls
 * {@code raise_exception} ends in a {@link org.qtastudio.lm.chat.ChatTemplateException}. The package-private
 * classes bridge the gaps between jinja2 and jinjava: Python string and dict methods, Python-style
 * {@code tojson}, slices with a step, and keyword arguments whose value is an expression.
 *
 * <h2>Extending</h2>
 * When a new model's template uses a jinja2 construct that jinjava reads differently, add it where the
 * others are: a method to {@code PythonMethodResolver}, a rewrite to {@code TemplateSource}, or a filter
 * registered in {@link org.qtastudio.lm.chat.ChatTemplate}; template variables stay plain Java maps, lists,
 * strings, numbers and booleans.
 */
package org.qtastudio.lm.chat;
