package aidline.channel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.SHA1;

/**
 * Safe-mode (安全模式) decryption done here rather than by WxJava, because WxJava does not check the
 * AppID inside the ciphertext (issue 15, L6/H3): a message encrypted for another 公众号 with the
 * same key would otherwise be accepted. Layout: AES-256-CBC(random 16 | length 4 | xml | appId).
 */
final class WechatCrypto {
  private final String token;
  private final byte[] key;
  private final String appId;

  WechatCrypto(String token, String aesKey, String appId) {
    this.token = token;
    this.key = Base64.getDecoder().decode(aesKey + "=");
    this.appId = appId;
  }

  /** The inner XML of a verified message for this AppID; otherwise a signature error. */
  String decrypt(String msgSignature, String timestamp, String nonce, String encrypt) {
    if (encrypt == null || encrypt.isBlank() || msgSignature == null) {
      throw new WechatSignatureException("加密消息校验失败");
    }
    String expected = SHA1.gen(token, timestamp, nonce, encrypt);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), msgSignature.getBytes(StandardCharsets.US_ASCII))) {
      throw new WechatSignatureException("加密消息校验失败");
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOfRange(key, 0, 16)));
      plain = cipher.doFinal(Base64.getDecoder().decode(encrypt.trim()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new WechatSignatureException("加密消息校验失败");
    }
    int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > 32 || plain.length < 20 + pad) {
      throw new WechatSignatureException("加密消息校验失败");
    }
    int end = plain.length - pad;
    int len = ((plain[16] & 0xff) << 24) | ((plain[17] & 0xff) << 16) | ((plain[18] & 0xff) << 8) | (plain[19] & 0xff);
    if (len < 0 || 20 + len > end) {
      throw new WechatSignatureException("加密消息校验失败");
    }
    String xml = new String(plain, 20, len, StandardCharsets.UTF_8);
    String from = new String(plain, 20 + len, end - 20 - len, StandardCharsets.UTF_8);
    if (appId == null || appId.isBlank() || !appId.equals(from)) {
      throw new WechatSignatureException("加密消息不属于本公众号（AppID 不符）");
    }
    return xml;
  }
}
