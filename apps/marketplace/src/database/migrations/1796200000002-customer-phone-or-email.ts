import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's customer needs an email address or a phone number (a chat buyer may have only the phone), no longer always
 * an email.
 */
export class CustomerPhoneOrEmail1796200000002 implements MigrationInterface {
  name = 'CustomerPhoneOrEmail1796200000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "customer_order" ADD CONSTRAINT "ck_customer_order_contact" CHECK ((customer->>'email') IS NOT NULL
        OR (customer->>'phone') IS NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_order" DROP CONSTRAINT "ck_customer_order_contact"`);
  }
}
