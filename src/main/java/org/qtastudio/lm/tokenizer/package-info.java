/**
 * A model folder's tokenizer: {@link org.qtastudio.lm.tokenizer.LmTokenizer#load} reads
 * {@code tokenizer.json} through DJL's Hugging Face tokenizers (offline, CPU build), the special tokens and
 * EOS ids from {@code tokenizer_config.json}, {@code generation_config.json} and {@code config.json}, and the
 * chat template, which {@link org.qtastudio.lm.tokenizer.LmTokenizer#applyChatTemplate} renders through
 * {@link org.qtastudio.lm.chat.ChatTemplate}. {@link org.qtastudio.lm.tokenizer.LmTokenizer#FILES} names the
 * tokenizer's files, copied along with exported models. The tokenizer holds native memory: close it when done.
 */
package org.qtastudio.lm.tokenizer;
